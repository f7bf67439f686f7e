package org.esscard.simulator.service;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The scripted failures of each channel, so callers can test their retries; safe for concurrent callers.
 */
@ApplicationScoped
public class FailureScripts {

    private final Map<Channel, FailureScript> scripts = new ConcurrentHashMap<>();

    /** Makes the next {@code failNext} sends on {@code channel} fail with {@code status}; 0 removes the script. */
    public FailureScript script(Channel channel, int failNext, int status) {
        FailureScript script = new FailureScript(channel, failNext, status);
        if (failNext <= 0) {
            scripts.remove(channel);
        } else {
            scripts.put(channel, script);
        }
        return script;
    }

    /**
     * Uses up one scripted failure of {@code channel}, if any is left.
     *
     * @return the status to answer instead of accepting, or empty to accept
     */
    public OptionalInt takeFailure(Channel channel) {
        FailureScript[] taken = new FailureScript[1];
        // computeIfPresent is atomic per key: two concurrent sends never take the same failure
        scripts.computeIfPresent(channel, (key, script) -> {
            taken[0] = script;
            return script.failNext() > 1 ? script.next() : null;
        });
        return taken[0] == null ? OptionalInt.empty() : OptionalInt.of(taken[0].status());
    }

    /** The scripts still pending, by channel. */
    public List<FailureScript> pending() {
        return scripts.values().stream().sorted(Comparator.comparing(FailureScript::channel)).toList();
    }

    /** Removes every script: every channel accepts again. */
    public void reset() {
        scripts.clear();
    }
}

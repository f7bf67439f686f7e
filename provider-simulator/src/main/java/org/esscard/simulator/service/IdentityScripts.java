package org.esscard.simulator.service;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The scripted answers of the identity vendors, per identity; an identity without a script passes. Safe for
 * concurrent callers: two checks running at once never take the same scripted failure.
 */
@ApplicationScoped
public class IdentityScripts {

    private record Key(Vendor vendor, String identity) {
    }

    private final Map<Key, IdentityScript> scripts = new ConcurrentHashMap<>();

    /** Registers what {@code vendor} answers for {@code identity}; PASS with nothing pending removes the script. */
    public IdentityScript script(Vendor vendor, String identity, Outcome outcome, int failNext, int status, long delayMillis) {
        String key = vendor.canonical(identity);
        IdentityScript script = new IdentityScript(vendor, key, outcome, Math.max(0, failNext), status, delayMillis);
        if (outcome == Outcome.PASS && script.failNext() == 0 && delayMillis == 0) {
            scripts.remove(new Key(vendor, key));
        } else {
            scripts.put(new Key(vendor, key), script);
        }
        return script;
    }

    /**
     * Uses up one check of {@code identity}: the scripted answer for it, counting down {@code failNext}.
     *
     * @return the script as it stood for this check, or a plain PASS when none is registered
     */
    public IdentityScript take(Vendor vendor, String identity) {
        String key = vendor.canonical(identity);
        IdentityScript[] taken = new IdentityScript[1];
        // computeIfPresent is atomic per key
        scripts.computeIfPresent(new Key(vendor, key), (k, script) -> {
            taken[0] = script;
            return script.failNext() > 0 ? script.next() : script;
        });
        return taken[0] != null ? taken[0] : new IdentityScript(vendor, key, Outcome.PASS, 0, 0, 0);
    }

    /** Every identity script, by vendor then identity, keys masked. */
    public List<IdentityScript> pending() {
        return scripts.values().stream()
                .sorted(Comparator.comparing(IdentityScript::vendor).thenComparing(IdentityScript::key))
                .map(IdentityScript::listed)
                .toList();
    }

    public void remove(Vendor vendor, String identity) {
        scripts.remove(new Key(vendor, vendor.canonical(identity)));
    }

    public void reset() {
        scripts.clear();
    }
}

package org.esscard.simulator.service;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.esscard.simulator.config.SimulatorConfig;

import io.quarkus.logging.Log;

/**
 * Plays the identity vendors: face comparison, the bank's four-element check and the carrier's three-element
 * check. Each answers what is scripted for the identity it is asked about, PASS when nothing is.
 */
@ApplicationScoped
public class IdentityVendors {

    private final IdentityScripts scripts;
    /** A check as kept: the canonical identity beside the masked one the check shows. */
    private record Received(Check check, String key) {
    }

    private final Deque<Received> checks = new ArrayDeque<>();
    private final int maxKept;

    IdentityVendors(IdentityScripts scripts, SimulatorConfig config) {
        this.scripts = scripts;
        this.maxKept = config.messages().maxKept();
    }

    /**
     * Answers one check of {@code identity} (a subject for face, a card number for the bank, a mobile number for
     * the carrier) as scripted, after the scripted delay.
     *
     * @return the check, with outcome PASS or FAIL
     * @throws ScriptedFailureException when an ERROR is scripted for the identity
     */
    public Check check(Vendor vendor, String identity) {
        IdentityScript script = scripts.take(vendor, identity);
        if (script.delayMillis() > 0) {
            pause(script.delayMillis());
        }
        Outcome outcome = script.current();
        Check check = new Check(vendor.key() + "-" + UUID.randomUUID(), vendor, vendor.masked(identity),
                outcome.negative() ? Outcome.FAIL : outcome, Instant.now());
        keep(new Received(check, script.key()));
        if (outcome == Outcome.ERROR) {
            Log.infof("answering a %s check of %s with scripted status %d", vendor.key(), check.identity(), script.status());
            throw new ScriptedFailureException(vendor.key(), script.status());
        }
        Log.debugf("%s check of %s: %s", vendor.key(), check.identity(), check.outcome());
        return check;
    }

    /** Checks received, oldest first, of one vendor (or all when {@code null}) and one identity (or all). */
    public synchronized List<Check> received(Vendor vendor, String identity) {
        String key = vendor == null || identity == null ? null : vendor.canonical(identity);
        return checks.stream()
                .filter(r -> vendor == null || r.check().vendor() == vendor)
                .filter(r -> key == null || r.key().equals(key))
                .map(Received::check)
                .toList();
    }

    public synchronized void clear() {
        checks.clear();
    }

    private synchronized void keep(Received check) {
        checks.addLast(check);
        while (checks.size() > maxKept) {
            checks.removeFirst();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

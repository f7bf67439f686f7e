package org.esscard.simulator.service;

/**
 * What a vendor is told to answer for one identity: first {@code failNext} negative answers, then
 * {@code outcome} for every further check.
 *
 * @param key         the identity in canonical form (see {@link Vendor#canonical(String)}), masked when listed
 * @param status      the HTTP status of an {@link Outcome#ERROR}
 * @param delayMillis how long the vendor takes to answer, to exercise the caller's timeout
 */
public record IdentityScript(Vendor vendor, String key, Outcome outcome, int failNext, int status, long delayMillis) {

    IdentityScript next() {
        return new IdentityScript(vendor, key, outcome, failNext - 1, status, delayMillis);
    }

    /** The outcome of the next check under this script. */
    Outcome current() {
        return failNext > 0 ? Outcome.FAIL : outcome;
    }

    /** The script as listed: the key masked like the simulator's logs. */
    public IdentityScript listed() {
        return new IdentityScript(vendor, vendor.masked(key), outcome, failNext, status, delayMillis);
    }
}

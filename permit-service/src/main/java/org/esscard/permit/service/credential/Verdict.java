package org.esscard.permit.service.credential;

import java.time.Instant;

/**
 * What an officer learns from a scanned permit QR code. {@code claims} is present only when the signature verified
 * (VALID and EXPIRED), so nothing from an altered or unreadable code is ever shown as if it were true.
 *
 * @param outcome   the verdict
 * @param kid       the key id named by the code (VALID, EXPIRED, TAMPERED, UNKNOWN_KEY), else null
 * @param claims    what the code asserts (VALID, EXPIRED), else null
 * @param expiredAt when the code stopped being valid (EXPIRED), else null
 * @param reason    a short English explanation for logs and support; never contains the holder's data
 * @param warning   for an offline VALID, why revocation could not be ruled out; else null
 */
public record Verdict(Outcome outcome, String kid, QrClaims claims, Instant expiredAt, String reason, Warning warning) {

    /** The things a scan can turn out to be. */
    public enum Outcome {
        /** Signed by a key in the ring and not yet expired. */
        VALID,
        /** Names a known key, but the signature does not verify: the code was altered or forged. */
        TAMPERED,
        /** Genuine, but its own short expiry (not the permit's) has passed. */
        EXPIRED,
        /** Names a key this ring does not hold: retired, not yet published to this verifier, or invented. */
        UNKNOWN_KEY,
        /** Not a permit QR code of this format at all. */
        MALFORMED,
        /** Genuine and unexpired, but its permit's bit is set in the status list: cancelled (offline checks only). */
        CANCELLED
    }

    /** Why an offline VALID is not the whole answer: revocation could not be checked. Shown as a warning, not a pass. */
    public enum Warning {
        /** The code has no status claim (signed before status lists): only the online check knows of a cancellation. */
        NO_STATUS_REFERENCE,
        /** No status list for the code's uri verifies (none cached, forged, or too short for the index). */
        STATUS_LIST_MISSING,
        /** The cached list is past its {@code exp}: a cancellation since may be missing. */
        STATUS_LIST_STALE
    }

    public boolean isValid() {
        return outcome == Outcome.VALID;
    }

    static Verdict valid(QrClaims claims, String kid) {
        return new Verdict(Outcome.VALID, kid, claims, null, "signature verified, not expired", null);
    }

    static Verdict validWithWarning(QrClaims claims, String kid, Warning warning) {
        return new Verdict(Outcome.VALID, kid, claims, null, "signature verified, not expired; " + warning, warning);
    }

    static Verdict cancelled(QrClaims claims, String kid) {
        return new Verdict(Outcome.CANCELLED, kid, claims, null, "signature verified; the status list marks the permit"
                + " invalid", null);
    }

    static Verdict expired(QrClaims claims, String kid) {
        return new Verdict(Outcome.EXPIRED, kid, claims, claims.expiresAt(), "signature verified, expired", null);
    }

    static Verdict tampered(String kid, String reason) {
        return new Verdict(Outcome.TAMPERED, kid, null, null, reason, null);
    }

    static Verdict unknownKey(String kid) {
        return new Verdict(Outcome.UNKNOWN_KEY, kid, null, null, "no key '" + kid + "' in the ring", null);
    }

    static Verdict malformed(String reason) {
        return new Verdict(Outcome.MALFORMED, null, null, null, reason, null);
    }
}

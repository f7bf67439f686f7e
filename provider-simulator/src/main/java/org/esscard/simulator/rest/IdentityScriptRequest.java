package org.esscard.simulator.rest;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.esscard.simulator.service.Outcome;

/**
 * Tells an identity vendor what to answer for one identity.
 *
 * @param outcome     PASS, FAIL (or its synonym MISMATCH) or ERROR, for every check after the {@code failNext}
 *                    ones; PASS when not given
 * @param failNext    how many checks fail first
 * @param status      the HTTP status of an ERROR, 503 when not given
 * @param delayMillis how long each check takes, to exercise the caller's timeout
 */
public record IdentityScriptRequest(
        Outcome outcome,
        @Min(0) @Max(10_000) Integer failNext,
        @Min(400) @Max(599) Integer status,
        @Min(0) @Max(60_000) Long delayMillis) {

    static final int DEFAULT_STATUS = 503;

    @AssertTrue(message = "give an outcome, failNext or delayMillis")
    boolean isScripted() {
        return outcome != null || failNext != null || delayMillis != null;
    }

    Outcome outcomeOrDefault() {
        return outcome == null ? Outcome.PASS : outcome;
    }

    int failNextOrZero() {
        return failNext == null ? 0 : failNext;
    }

    int statusOrDefault() {
        return status == null ? DEFAULT_STATUS : status;
    }

    long delayOrZero() {
        return delayMillis == null ? 0 : delayMillis;
    }
}

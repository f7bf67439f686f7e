package org.esscard.events.identity;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.esscard.events.EventPayload;

/**
 * A verification method was closed for a person after too many consecutive failures, e.g. face after 6 (R6).
 *
 * @param nextMethods the methods the person must use instead, in order of preference (R6, R9)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VerificationLocked(
        String sessionId,
        VerificationPurpose purpose,
        String permitNumber,
        VerificationMethod lockedMethod,
        int consecutiveFailures,
        List<VerificationMethod> nextMethods,
        Instant lockedAt) implements EventPayload {

    public static final String TYPE = "esscard.identity.VerificationLocked.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return permitNumber;
    }
}

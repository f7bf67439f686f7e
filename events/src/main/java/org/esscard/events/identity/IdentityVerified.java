package org.esscard.events.identity;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.esscard.events.EventPayload;

/**
 * A verification session succeeded.
 *
 * @param accountId the account being acted on, or {@code null} when none exists yet (registration)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IdentityVerified(
        String sessionId,
        VerificationPurpose purpose,
        String permitNumber,
        String accountId,
        VerificationMethod method,
        Instant verifiedAt) implements EventPayload {

    public static final String TYPE = "esscard.identity.IdentityVerified.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return permitNumber;
    }
}

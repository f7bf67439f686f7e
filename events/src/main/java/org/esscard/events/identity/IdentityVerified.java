package org.esscard.events.identity;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import jakarta.annotation.Nullable;

import org.esscard.events.EventPayload;

/**
 * A verification session succeeded.
 *
 * @param accountId the account being acted on, or {@code null} when none exists yet (registration)
 * @param mobile    the China mobile number the person proved with an SMS code ({@code BANK_CARD}: the number the
 *                  bank holds for the card; {@code MOBILE}: the number the carrier confirmed), or {@code null}
 *                  ({@code FACE}). Added in v1 as a nullable field: consumers ignoring it are unaffected.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IdentityVerified(
        String sessionId,
        VerificationPurpose purpose,
        String permitNumber,
        @Nullable String accountId,
        VerificationMethod method,
        Instant verifiedAt,
        @Nullable String mobile) implements EventPayload {

    public static final String TYPE = "esscard.identity.IdentityVerified.v1";

    /** A verification that proved no mobile number (face). */
    public IdentityVerified(String sessionId, VerificationPurpose purpose, String permitNumber, String accountId,
            VerificationMethod method, Instant verifiedAt) {
        this(sessionId, purpose, permitNumber, accountId, method, verifiedAt, null);
    }

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return permitNumber;
    }
}

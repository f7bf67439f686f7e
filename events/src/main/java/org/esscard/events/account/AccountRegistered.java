package org.esscard.events.account;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import jakarta.annotation.Nullable;

import org.esscard.events.EventPayload;

/**
 * An account was registered and its electronic social security card issued (R1, R5).
 *
 * @param permitNumber the bound work permit, or {@code null} for an account registered another way (R13)
 * @param holderName   exactly as in the passport (R3)
 * @param mobile       the holder's China mobile number when real-name verification proved one (for SMS
 *                     reminders), else {@code null}; added compatibly, consumers must accept it missing
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AccountRegistered(
        String accountId,
        @Nullable String permitNumber,
        String holderName,
        String cardNumber,
        Instant registeredAt,
        @Nullable String mobile) implements EventPayload {

    public static final String TYPE = "esscard.account.AccountRegistered.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return accountId;
    }
}

package org.esscard.events.account;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import jakarta.annotation.Nullable;

import org.esscard.events.EventPayload;

/**
 * An account's login password was reset (R14) or changed; sessions issued before {@code changedAt} are no longer
 * trusted.
 *
 * @param permitNumber the bound work permit, or {@code null} if none is bound
 * @param reason       {@link #RESET} or {@link #CHANGE}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PasswordChanged(String accountId, @Nullable String permitNumber, String reason, Instant changedAt)
        implements EventPayload {

    public static final String TYPE = "esscard.account.PasswordChanged.v1";

    /** Forgot-password flow, after facial recognition. */
    public static final String RESET = "RESET";

    /** The holder changed it while logged in. */
    public static final String CHANGE = "CHANGE";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return accountId;
    }
}

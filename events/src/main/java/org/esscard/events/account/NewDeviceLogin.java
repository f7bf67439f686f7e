package org.esscard.events.account;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import jakarta.annotation.Nullable;

import org.esscard.events.EventPayload;

/**
 * A holder logged in from a device their account has not been used on before; the holder is asked "was this you?"
 * and may end that session. Carries only what the notice shows: no name, passport or phone number.
 *
 * @param permitNumber  the bound work permit, or {@code null} if none is bound (the notice finds the holder by account)
 * @param sessionId     the new session, the {@code sid} of its tokens: what ending it names
 * @param device        the device as the app names itself (from its User-Agent), at most 100 characters
 * @param clientAddress the address the login came from, masked ({@code 203.0.113.*})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NewDeviceLogin(String accountId, @Nullable String permitNumber, String sessionId, String device,
        @Nullable String clientAddress, Instant loggedInAt) implements EventPayload {

    public static final String TYPE = "esscard.account.NewDeviceLogin.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return accountId;
    }
}

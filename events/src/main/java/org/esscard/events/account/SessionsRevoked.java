package org.esscard.events.account;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import jakarta.annotation.Nullable;

import org.esscard.events.EventPayload;

/**
 * Sessions of a token subject ended before their tokens expire: one login ({@code sessionId}, the {@code sid} claim
 * of its access and step-up tokens) or, when {@code sessionId} is {@code null}, every session started before
 * {@code notBefore}. Every replica of every service reads every one of these and refuses the tokens they name.
 *
 * @param tokenSubject the tokens' {@code sub}: a holder's account id, or {@code staff:<username>}
 * @param sessionId the one session ended, or {@code null} for all of the subject's sessions
 * @param notBefore sessions started before this instant are ended (with {@code sessionId}: when it ended)
 * @param reason    why: {@link #LOGOUT}, {@link #REFRESH_REUSED}, {@link #PASSWORD_CHANGE}, {@link #PASSWORD_RESET},
 *                  {@link #PIN_LOCKED} or {@link #STAFF_REMOVED}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionsRevoked(String tokenSubject, @Nullable String sessionId, Instant notBefore, String reason) implements EventPayload {

    public static final String TYPE = "esscard.account.SessionsRevoked.v1";

    /** The holder logged out of this session. */
    public static final String LOGOUT = "LOGOUT";

    /** A rotated refresh token of this session was presented again: a copy is in someone else's hands. */
    public static final String REFRESH_REUSED = "REFRESH_REUSED";

    /** The logged-in holder changed the password. */
    public static final String PASSWORD_CHANGE = "PASSWORD_CHANGE";

    /** The password was reset after facial recognition (R14). */
    public static final String PASSWORD_RESET = "PASSWORD_RESET";

    /** The service PIN locked after too many wrong PINs (R15). */
    public static final String PIN_LOCKED = "PIN_LOCKED";

    /** The staff account is no longer in the configuration. */
    public static final String STAFF_REMOVED = "STAFF_REMOVED";

    /** The holder ended this session (or all of theirs) from their list of sessions, e.g. after a new-device notice. */
    public static final String ENDED_BY_HOLDER = "ENDED_BY_HOLDER";

    /** The holder was erased (issue 18): the account is gone with every session. */
    public static final String HOLDER_ERASED = "HOLDER_ERASED";

    /** Whether this ends every session of the subject rather than one. */
    public boolean allSessions() {
        return sessionId == null;
    }

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return tokenSubject;
    }
}

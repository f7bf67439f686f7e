package org.esscard.identity.rest;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.esscard.events.identity.VerificationMethod;
import org.esscard.events.identity.VerificationPurpose;
import org.esscard.identity.repository.SessionStatus;
import org.esscard.identity.service.session.SessionState;
import org.esscard.platform.masking.Mask;

/**
 * A verification session as callers read it: its status, the methods the person may start now, what is left of
 * each, and the SMS code it waits for (the number masked).
 */
public record SessionView(
        String sessionId,
        VerificationPurpose purpose,
        String permitNumber,
        String accountId,
        SessionStatus status,
        List<VerificationMethod> openMethods,
        VerificationMethod verifiedMethod,
        OffsetDateTime verifiedAt,
        int faceAttemptsRemaining,
        int bankCardChecksRemaining,
        int mobileChecksRemaining,
        PendingCode pendingCode,
        OffsetDateTime createdAt,
        OffsetDateTime expiresAt) {

    /**
     * The SMS code a session waits for.
     *
     * @param sentTo            the mobile number, masked
     * @param cardLastFour      the card checked, for bank-card verification
     * @param resendAvailableAt when a new code can be asked for at the earliest
     */
    public record PendingCode(VerificationMethod method, String sentTo, String cardLastFour, OffsetDateTime expiresAt,
            int attemptsRemaining, OffsetDateTime resendAvailableAt) {
    }

    public static SessionView of(SessionState state) {
        var s = state.session();
        PendingCode pending = state.session().status == SessionStatus.OPEN && state.challenge() != null
                ? new PendingCode(state.challenge().method, Mask.phone(state.challenge().mobile), state.challenge().cardLastFour,
                        utc(state.challenge().expiresAt), state.codeAttemptsRemaining(),
                        state.resendAvailableAt().atOffset(ZoneOffset.UTC))
                : null;
        return new SessionView(s.id.toString(), s.purpose, s.permitNumber, s.accountId, state.status(), state.openMethods(),
                s.verifiedMethod, utc(s.verifiedAt), state.faceAttemptsRemaining(), state.bankCardChecksRemaining(),
                state.mobileChecksRemaining(), pending, utc(s.createdAt), utc(s.expiresAt));
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}

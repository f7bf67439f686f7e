package org.esscard.identity.rest;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.esscard.events.identity.api.SessionStatus;
import org.esscard.events.identity.api.SessionView;
import org.esscard.events.identity.api.SessionView.PendingCode;
import org.esscard.identity.service.session.SessionState;
import org.esscard.platform.masking.Mask;

/** A session as callers read it ({@link SessionView}, the contract in {@code events}): the SMS number masked. */
final class SessionViews {

    private SessionViews() {
    }

    static SessionView of(SessionState state) {
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

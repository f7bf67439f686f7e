package org.esscard.identity.service.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.esscard.events.identity.VerificationMethod;
import org.esscard.events.identity.VerificationPurpose;
import org.esscard.identity.config.IdentityConfig;
import org.esscard.identity.repository.PermitSubject;
import org.esscard.events.identity.api.SessionStatus;
import org.esscard.identity.repository.SmsChallenge;
import org.esscard.identity.repository.VerificationSession;

/**
 * A session as of one moment, with what decides which methods it still offers: the person's consecutive face
 * failures, the checks made in the session, and the SMS code it waits for.
 *
 * <p>The methods follow the guide: face first for registration, password or PIN reset and permit binding (R5, R14,
 * R13); after 6
 * consecutive face failures, bank card (R6); a failed bank card opens mobile and a failed mobile opens bank card
 * (R9); real-name verification of a physical card holder offers bank card and mobile from the start (R10).
 */
public record SessionState(VerificationSession session, PermitSubject subject, int faceFailures, SmsChallenge challenge,
        Instant now, IdentityConfig config) {

    private static final Set<VerificationPurpose> FACE_FIRST =
            EnumSet.of(VerificationPurpose.REGISTRATION, VerificationPurpose.PASSWORD_RESET, VerificationPurpose.PIN_RESET,
                    VerificationPurpose.PERMIT_BINDING);

    public boolean expired() {
        return !now.isBefore(session.expiresAt.toInstant());
    }

    public boolean faceClosed() {
        return faceFailures >= config.face().maxConsecutiveFailures();
    }

    public SessionStatus status() {
        if (session.status == SessionStatus.VERIFIED) {
            return SessionStatus.VERIFIED;
        }
        if (expired()) {
            return SessionStatus.EXPIRED;
        }
        return openMethods().isEmpty() && !codeUsable() ? SessionStatus.FAILED : SessionStatus.OPEN;
    }

    /** The methods the person may start now, in the order the app offers them. */
    public List<VerificationMethod> openMethods() {
        List<VerificationMethod> open = new ArrayList<>();
        if (session.status != SessionStatus.OPEN || expired()) {
            return open;
        }
        boolean faceFirst = FACE_FIRST.contains(session.purpose);
        if (faceFirst && !faceClosed()) {
            open.add(VerificationMethod.FACE);
        }
        boolean bankCardOffered = !faceFirst || faceClosed() || session.mobileFailed;
        if (bankCardOffered && bankCardChecksRemaining() > 0) {
            open.add(VerificationMethod.BANK_CARD);
        }
        boolean mobileOffered = !faceFirst || session.bankCardFailed;
        if (mobileOffered && mobileChecksRemaining() > 0) {
            open.add(VerificationMethod.MOBILE);
        }
        return open;
    }

    public boolean isOpen(VerificationMethod method) {
        return openMethods().contains(method);
    }

    public int faceAttemptsRemaining() {
        return Math.max(0, config.face().maxConsecutiveFailures() - faceFailures);
    }

    public int bankCardChecksRemaining() {
        return Math.max(0, config.checksPerMethod() - session.bankCardChecks);
    }

    public int mobileChecksRemaining() {
        return Math.max(0, config.checksPerMethod() - session.mobileChecks);
    }

    /** Whether an SMS code waits that can still be entered: not expired, not used up by wrong entries. */
    public boolean codeUsable() {
        return challenge != null && challenge.wrongAttempts < config.sms().maxWrongAttempts()
                && now.isBefore(challenge.expiresAt.toInstant());
    }

    public int codeAttemptsRemaining() {
        return challenge == null ? 0 : Math.max(0, config.sms().maxWrongAttempts() - challenge.wrongAttempts);
    }

    /** The earliest moment a new code can be asked for in this session. */
    public Instant resendAvailableAt() {
        return challenge == null ? now : challenge.sentAt.toInstant().plus(config.sms().minInterval());
    }
}

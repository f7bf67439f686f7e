package org.esscard.events.identity.api;

import java.time.OffsetDateTime;
import java.util.List;

import org.esscard.events.identity.VerificationMethod;
import org.esscard.events.identity.VerificationPurpose;

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
}

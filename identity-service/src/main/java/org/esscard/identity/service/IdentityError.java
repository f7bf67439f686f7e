package org.esscard.identity.service;

import org.esscard.platform.problem.ErrorCode;

/** The identity-service's error codes; messages in {@code org/esscard/identity/messages*.properties}. */
public enum IdentityError implements ErrorCode {
    /** No permit with this number is known from the permit authority's events. */
    SUBJECT_UNKNOWN(404),
    /** R3: the name differs from the permit holder's passport name. */
    NAME_MISMATCH(422),
    /** R4: the permit has expired or was cancelled, so it cannot register. */
    PERMIT_NOT_VALID(403),
    SESSION_NOT_FOUND(404),
    SESSION_EXPIRED(410),
    SESSION_COMPLETED(409),
    /** The method is not (or no longer) open in this session; {@code nextMethods} lists those that are. */
    METHOD_NOT_OPEN(409),
    /** R6: face did not match; {@code remainingAttempts} before face closes. */
    FACE_FAILED(422),
    /** R6: face is closed for this person after consecutive failures; bank card is required. */
    FACE_LOCKED(423),
    /** R7: not a UnionPay card number issued in China (length, checksum or prefix); no vendor was asked. */
    BANK_CARD_INVALID(400),
    /**
     * R7, R9: the bank did not confirm the four elements, or the passport number differs from the permit's: one
     * answer whichever element was wrong, so it cannot be used to test a guess at one of them; mobile is offered.
     */
    BANK_VERIFICATION_FAILED(422),
    /** R8: not a China mobile number. */
    MOBILE_INVALID(400),
    /** R8, R9: the carrier did not confirm the number; bank card is offered. */
    MOBILE_VERIFICATION_FAILED(422),
    SMS_CODE_WRONG(422),
    SMS_CODE_EXPIRED(410),
    /** Too many wrong entries: the code is dead and a new one is needed. */
    SMS_CODE_EXHAUSTED(423),
    /** No code is waiting in this session: start a bank-card or mobile verification first. */
    SMS_CODE_NOT_SENT(409),
    /** A send limit (per number or per session); {@code retryAfterSeconds} says when. */
    SMS_RATE_LIMITED(429),
    /**
     * As many attempts of this method are already with the vendor as the person (face) or session (bank card, mobile)
     * has left: wait for their answers; {@code retryAfterSeconds}.
     */
    VERIFICATION_IN_PROGRESS(409),
    /** A vendor (face, bank, carrier, SMS) did not answer in time; nothing was counted. */
    PROVIDER_UNAVAILABLE(503);

    private final int status;

    IdentityError(int status) {
        this.status = status;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String bundle() {
        return "org.esscard.identity.messages";
    }
}

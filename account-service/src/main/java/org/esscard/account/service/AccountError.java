package org.esscard.account.service;

import org.esscard.platform.problem.ErrorCode;

/** The account-service's error codes; messages in {@code org/esscard/account/messages*.properties}. */
public enum AccountError implements ErrorCode {
    /** Wrong password, no such account, or a locked account: deliberately one answer, one body. */
    INVALID_CREDENTIALS(401),
    /** R2: the login password breaks the policy; {@code rule} names which part. */
    PASSWORD_POLICY(400),
    /** R3: the name differs from the permit's passport name. */
    NAME_MISMATCH(400),
    /** R4: no such work permit is known. */
    PERMIT_NOT_FOUND(404),
    /** R4: the permit's validity has ended. */
    PERMIT_EXPIRED(403),
    /** R4: the permit was cancelled. */
    PERMIT_CANCELLED(403),
    /** An account already exists for this permit or social security number. */
    ACCOUNT_EXISTS(409),
    /** No account is registered with this work permit number (password reset). */
    ACCOUNT_NOT_FOUND(404),
    /** Too many failures from this client address; {@code retryAfterSeconds} says when to retry. */
    TOO_MANY_ATTEMPTS(429),
    /**
     * Too many failed logins of this account (or identifier) from addresses without a recent success: wait
     * {@code retryAfterSeconds}, or log in from an address used before; never for an address that recently logged in.
     */
    LOGIN_DELAYED(429),
    /** Registration (or a password reset) waits for identity verification to succeed. */
    VERIFICATION_PENDING(409),
    /** The password reset session is unknown, used or too old: start again. */
    RESET_NOT_FOUND(404),
    /** R13: this account already has a work permit. */
    PERMIT_ALREADY_BOUND(409),
    /** A PIN reset goes through facial recognition of the bound permit's holder: bind one first. */
    PERMIT_NOT_BOUND(409),
    /** R15: the PIN must be 6 digits and not trivial; {@code rule} names which part. */
    PIN_POLICY(400),
    /** R15: the PIN must differ from the login password. */
    PIN_SAME_AS_PASSWORD(400),
    /** Changing a PIN needs the current one. */
    PIN_CURRENT_REQUIRED(400),
    /** R15: wrong PIN; {@code remainingAttempts} says how many are left before it locks. */
    PIN_WRONG(403),
    /** R15: the PIN is locked after too many wrong attempts: reset it through facial recognition. */
    PIN_LOCKED(423),
    /** R15: no PIN set yet: set one first. */
    PIN_NOT_SET(409),
    /** The refresh token is unknown, expired, revoked or was already used. */
    REFRESH_TOKEN_INVALID(401),
    /** An imported account's password hash is not an Argon2id hash this service can check. */
    PASSWORD_HASH_UNSUPPORTED(400),
    /** R13: this account's permit binding session is unknown or was replaced by a newer one. */
    BINDING_NOT_FOUND(404),
    /** R13: the permit belongs to another person than the one support's import matched the account with. */
    PERMIT_OF_ANOTHER_HOLDER(403),
    /** Support's import must name the holder's permit or passport number, and it must match a permit record. */
    IMPORT_NOT_MATCHED(400),
    /** Too many reset sessions for this account (R14, R15); {@code retryAfterSeconds} says when to retry. */
    TOO_MANY_RESETS(429),
    /** Reading a registration needs the registration token its form answered with. */
    REGISTRATION_TOKEN_REQUIRED(401),
    /** identity-service cannot be reached or failed: try again shortly. */
    IDENTITY_UNAVAILABLE(503),
    /** The holder has no live session with this id (ended already, expired, or another holder's). */
    SESSION_NOT_FOUND(404),
    /** The copy of one's data needs a fresh PIN step-up (R15), as the permit services do. */
    PIN_REQUIRED(403),
    /** No copy of one's data with this id is ready for this account (expired, or never made). */
    DATA_COPY_NOT_FOUND(404),
    /** A service holding part of the holder's data did not answer: the copy would be incomplete, so none is made. */
    DATA_COPY_INCOMPLETE(503),
    /** Every password check is busy: try again shortly. */
    BUSY(503);

    private final int status;

    AccountError(int status) {
        this.status = status;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String bundle() {
        return "org.esscard.account.messages";
    }
}

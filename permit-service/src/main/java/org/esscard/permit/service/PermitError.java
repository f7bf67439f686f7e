package org.esscard.permit.service;

import org.esscard.platform.problem.ErrorCode;

/** The permit-service's error codes; messages in {@code org/esscard/permit/messages*.properties}. */
public enum PermitError implements ErrorCode {
    PERMIT_NUMBER_FORMAT(400),
    PERMIT_VALIDITY(400),
    PERMIT_EXISTS(409),
    PERMIT_NOT_FOUND(404),
    PERMIT_VERSION_CONFLICT(409),
    /** R20: the permit has expired; every permit service is closed. */
    PERMIT_EXPIRED(403),
    /** R20: the permit was cancelled; every permit service is closed. */
    PERMIT_CANCELLED(403),
    /** R15: permit services need the 6-digit PIN step-up, at most a few minutes old. */
    PIN_REQUIRED(403),
    /** A holder token without a bound work permit (R13: bind one first). */
    NO_PERMIT_BOUND(403),
    IMPORT_NOT_FOUND(404),
    /** Issue 18: a permit in force is the authority's record and is kept while it is valid. */
    ERASURE_NOT_ALLOWED(409),
    /** No erasure of a holder of that permit number. */
    ERASURE_NOT_FOUND(404),
    /** No status list of that number: no permit has an index in it. */
    STATUS_LIST_NOT_FOUND(404);

    private final int status;

    PermitError(int status) {
        this.status = status;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String bundle() {
        return "org.esscard.permit.messages";
    }
}

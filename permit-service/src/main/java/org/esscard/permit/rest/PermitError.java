package org.esscard.permit.rest;

import org.esscard.platform.problem.ErrorCode;

/** The permit-service's error codes; messages in {@code org/esscard/permit/messages*.properties}. */
public enum PermitError implements ErrorCode {
    PERMIT_NUMBER_FORMAT(400),
    PERMIT_VALIDITY(400),
    PERMIT_EXISTS(409),
    PERMIT_NOT_FOUND(404);

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

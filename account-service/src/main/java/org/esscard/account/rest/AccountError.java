package org.esscard.account.rest;

import org.esscard.platform.problem.ErrorCode;

/** The account-service's error codes; messages in {@code org/esscard/account/messages*.properties}. */
public enum AccountError implements ErrorCode {
    /** Wrong username or password, or no such account: deliberately one answer. */
    INVALID_CREDENTIALS(401);

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

package org.esscard.events.identity.api;

/**
 * Where a verification session stands. Only OPEN and VERIFIED are stored; EXPIRED and FAILED are read
 * from the session's expiry and from the methods it has left.
 */
public enum SessionStatus {
    /** Waiting for the person to pass a method still open. */
    OPEN,
    /** A method succeeded; the outcome went out as {@code IdentityVerified}. */
    VERIFIED,
    /** Its time ran out before a method succeeded. */
    EXPIRED,
    /** Every method is closed or used up, and no SMS code is waiting: a new session is needed. */
    FAILED
}

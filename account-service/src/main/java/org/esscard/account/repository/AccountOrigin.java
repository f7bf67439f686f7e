package org.esscard.account.repository;

/** How an account came to exist. */
public enum AccountOrigin {
    /** Registered here with a work permit number (R1). */
    REGISTERED,
    /** Registered another way, in the national eSSCard system, and brought over by support (R13). */
    IMPORTED
}

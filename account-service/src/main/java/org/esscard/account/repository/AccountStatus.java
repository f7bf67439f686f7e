package org.esscard.account.repository;

/** Where a holder account stands: waiting for facial (and real-name) verification, or usable. */
public enum AccountStatus {
    /** Registered (R1) but identity not yet verified (R5, R10): no login yet. */
    PENDING_IDENTITY,
    /** Verified; the electronic social security card is issued. */
    ACTIVE
}

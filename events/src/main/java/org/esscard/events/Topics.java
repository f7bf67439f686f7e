package org.esscard.events;

/**
 * Default Kafka topic names, one per producing service; services make them configurable.
 */
public final class Topics {

    /** Events of permit-service; key = permit number. */
    public static final String PERMIT_EVENTS = "permit-events";

    /** Events of identity-service; key = permit number. */
    public static final String IDENTITY_EVENTS = "identity-events";

    /** Events of account-service; key = account id. */
    public static final String ACCOUNT_EVENTS = "account-events";

    /**
     * The erasure ledger (issue 18): permit-service's {@code ErasureRecorded} per erased holder, key = the pseudonym,
     * and every service's {@code ErasureCarriedOut}, key = pseudonym/service. Compacted and kept for as long as backups
     * are; it names no one.
     */
    public static final String ERASURE_LEDGER = "erasure-ledger";

    private Topics() {
    }
}

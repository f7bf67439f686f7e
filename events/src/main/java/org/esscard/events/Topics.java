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

    private Topics() {
    }
}

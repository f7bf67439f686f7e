package org.esscard.events.permit;

/**
 * Where a work permit stands; only an {@code ACTIVE} permit can register or use permit services (R4, R20).
 */
public enum PermitStatus {
    ACTIVE,
    EXPIRED,
    CANCELLED
}

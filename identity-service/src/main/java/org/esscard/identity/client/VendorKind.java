package org.esscard.identity.client;

/** The external vendors identity-service depends on; the order is the one the error messages choose by. */
public enum VendorKind {
    FACE,
    BANK,
    CARRIER,
    SMS
}

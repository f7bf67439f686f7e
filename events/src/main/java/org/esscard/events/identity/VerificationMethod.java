package org.esscard.events.identity;

/**
 * How a person proved who they are: facial recognition (R5), bank card (R7) or mobile number (R8).
 */
public enum VerificationMethod {
    FACE,
    BANK_CARD,
    MOBILE
}

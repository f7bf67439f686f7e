package org.esscard.events.identity;

/**
 * Why a person is being verified.
 */
public enum VerificationPurpose {
    /** Completing registration (R5). */
    REGISTRATION,
    /** Forgot password (R14). */
    PASSWORD_RESET,
    /** Real-name verification of a physical card holder (R10). */
    REAL_NAME,
    /** Resetting the permit-services PIN. */
    PIN_RESET,
    /** Binding a work permit to an account registered another way (R13): the permit's own subject must pass. */
    PERMIT_BINDING
}

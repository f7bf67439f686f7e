package org.esscard.events.erasure;

/** Why a holder was erased. */
public enum ErasureReason {
    /** The retention after the permit expired or was cancelled has passed (permit-service's daily scan). */
    RETENTION,
    /** Support carried out the holder's verified request (PIPL Art. 47). */
    REQUEST
}

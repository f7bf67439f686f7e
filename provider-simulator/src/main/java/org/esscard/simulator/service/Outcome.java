package org.esscard.simulator.service;

/**
 * What a scripted identity vendor answers. {@code FAIL} and {@code MISMATCH} mean the same, a negative answer:
 * "face does not match" for face recognition, "elements do not match" for the bank and the carrier.
 */
public enum Outcome {
    /** The identity is confirmed (the default for every identity). */
    PASS,
    /** The face does not match, or the elements do not match. */
    FAIL,
    /** Same as {@link #FAIL}; the word bank and carrier checks use. */
    MISMATCH,
    /** The vendor fails: answers the script's HTTP status (503 by default) instead of a verdict. */
    ERROR;

    public boolean negative() {
        return this == FAIL || this == MISMATCH;
    }
}

package org.esscard.simulator.rest;

/**
 * The verdict of the bank's or the carrier's check: {@code MATCH} or {@code MISMATCH}.
 */
public record CheckResult(String requestId, String result) {

    static final String MATCH = "MATCH";
    static final String MISMATCH = "MISMATCH";
}

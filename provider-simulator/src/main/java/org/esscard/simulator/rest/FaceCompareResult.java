package org.esscard.simulator.rest;

/**
 * The face vendor's verdict: whether the capture matches the photo on file, and how closely.
 */
public record FaceCompareResult(String requestId, boolean match, double score) {

    static final double MATCH_SCORE = 0.96;
    static final double NO_MATCH_SCORE = 0.31;
}

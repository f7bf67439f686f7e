package org.esscard.simulator.rest;

import java.time.Instant;

/**
 * The vendor's answer to an accepted send.
 */
public record Accepted(String messageId, Instant acceptedAt) {
}

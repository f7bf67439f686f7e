package org.esscard.simulator.service;

import java.time.Instant;

/**
 * One check an identity vendor received and what it answered, kept so tests can see whether a caller reached
 * the vendor at all (a card number that fails its own format must never get here).
 *
 * @param identity the subject, card or mobile checked, masked like the simulator's logs
 * @param outcome  what the vendor answered
 */
public record Check(String requestId, Vendor vendor, String identity, Outcome outcome, Instant receivedAt) {
}

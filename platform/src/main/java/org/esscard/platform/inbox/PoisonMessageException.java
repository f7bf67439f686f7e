package org.esscard.platform.inbox;

/** A record that can never be processed (not a CloudEvent, unknown type, unreadable data): dead-letter it. */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}

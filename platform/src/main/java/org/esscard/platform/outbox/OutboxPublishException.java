package org.esscard.platform.outbox;

/** A batch could not be published; its rows stay in the outbox for the next attempt. */
public class OutboxPublishException extends RuntimeException {

    public OutboxPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}

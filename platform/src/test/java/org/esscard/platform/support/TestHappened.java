package org.esscard.platform.support;

import org.esscard.events.EventPayload;

/** A test event: {@code seq} numbers the events of one {@code key}, to check their order on the topic. */
public record TestHappened(String key, int seq) implements EventPayload {

    public static final String TYPE = "esscard.test.TestHappened.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return key;
    }
}

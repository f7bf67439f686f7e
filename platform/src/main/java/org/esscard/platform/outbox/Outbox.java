package org.esscard.platform.outbox;

import java.time.Clock;
import java.time.ZoneOffset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.events.EventPayload;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where services hand the events their state changes cause. The row is written through the caller's
 * Hibernate Reactive session, so it commits or rolls back with the state change: never a dual write.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper mapper = EventJson.mapper();
    private final OutboxConfig config;
    private final Clock clock;

    public Outbox(OutboxConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Adds an event for {@code payload} to the outbox of the current transaction; keyed by its subject. */
    public Uni<CloudEvent> add(String topic, EventPayload payload) {
        CloudEvent event = CloudEvent.of(config.source(), payload, mapper, clock);
        return add(topic, event).replaceWith(event);
    }

    /** Adds an already built event to the outbox of the current transaction. */
    public Uni<Void> add(String topic, CloudEvent event) {
        OutboxMessage message = new OutboxMessage();
        message.eventId = java.util.UUID.fromString(event.id());
        message.topic = topic;
        message.messageKey = event.subject();
        message.eventType = event.type();
        message.payload = toJson(event);
        message.createdAt = clock.instant().atOffset(ZoneOffset.UTC);
        return message.persist().replaceWithVoid();
    }

    private String toJson(CloudEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.type() + " cannot be serialized", e);
        }
    }
}

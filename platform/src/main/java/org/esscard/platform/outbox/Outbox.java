package org.esscard.platform.outbox;

import java.time.Clock;
import java.time.ZoneOffset;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

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
        CloudEvent event = event(payload);
        return add(topic, event).replaceWith(event);
    }

    /** A new envelope for {@code payload} from this service, stamped by its clock. */
    public CloudEvent event(EventPayload payload) {
        return CloudEvent.of(config.source(), payload, mapper, clock);
    }

    /**
     * Adds events to the outbox in the caller's JDBC transaction, as one batch: for bulk work (imports,
     * scans) that runs on a worker thread over JDBC rather than on the reactive session.
     */
    public void addAll(Connection connection, String topic, List<CloudEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into outbox_message (event_id, topic, message_key, event_type, payload, created_at) values (?, ?, ?, ?, ?, ?)")) {
            java.sql.Timestamp now = java.sql.Timestamp.from(clock.instant());
            for (CloudEvent event : events) {
                insert.setObject(1, java.util.UUID.fromString(event.id()));
                insert.setString(2, topic);
                insert.setString(3, event.subject());
                insert.setString(4, event.type());
                insert.setString(5, toJson(event));
                insert.setTimestamp(6, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
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

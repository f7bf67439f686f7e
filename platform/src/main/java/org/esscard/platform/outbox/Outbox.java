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
import org.esscard.platform.tracing.TraceContext;

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

    /**
     * A new envelope for {@code payload} from this service, stamped by its clock, with the current span's trace context
     * as its {@code traceparent} extension (none when nothing traces the work).
     */
    public CloudEvent event(EventPayload payload) {
        return CloudEvent.of(config.source(), payload, mapper, clock).withTraceparent(TraceContext.current());
    }

    /**
     * Adds events to the outbox in the caller's JDBC transaction, as one statement (the rows in the list's order): for
     * bulk work (imports, scans) that runs on a worker thread over JDBC rather than on the reactive session. One
     * INSERT of arrays rather than a JDBC batch of one INSERT per event: a batch executes (and fires the wake-up
     * trigger) once per row, which in the expiry scan of issue 14 cost as much as the scan's own statement.
     */
    public void addAll(Connection connection, String topic, List<CloudEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        int n = events.size();
        java.util.UUID[] ids = new java.util.UUID[n];
        String[] keys = new String[n];
        String[] types = new String[n];
        String[] payloads = new String[n];
        String[] traceparents = new String[n];
        for (int i = 0; i < n; i++) {
            CloudEvent event = events.get(i);
            ids[i] = java.util.UUID.fromString(event.id());
            keys[i] = event.subject();
            types[i] = event.type();
            payloads[i] = toJson(event);
            traceparents[i] = event.traceparent();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into outbox_message (event_id, topic, message_key, event_type, payload, created_at, traceparent)"
                        + " select e.id, ?, e.message_key, e.event_type, e.payload, ?, e.traceparent"
                        + " from unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::text[], ?::varchar[]) with ordinality"
                        + " as e(id, message_key, event_type, payload, traceparent, n) order by e.n")) {
            insert.setString(1, topic);
            insert.setTimestamp(2, java.sql.Timestamp.from(clock.instant()));
            insert.setArray(3, connection.createArrayOf("uuid", ids));
            insert.setArray(4, connection.createArrayOf("varchar", keys));
            insert.setArray(5, connection.createArrayOf("varchar", types));
            insert.setArray(6, connection.createArrayOf("text", payloads));
            insert.setArray(7, connection.createArrayOf("varchar", traceparents));
            insert.executeUpdate();
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
        message.traceparent = event.traceparent();
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

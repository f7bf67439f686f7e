package org.esscard.platform.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.events.EventPayload;

/**
 * Events as another service's relay sends them, for a service's consumer tests: structured-mode CloudEvents on the
 * shared test broker, keyed by subject; and the wait until the consumer has taken one in (its id in the platform's
 * inbox, {@code inbox_processed}), so a test goes on at once and a negative check waits on a marker, not a sleep.
 */
public final class TestEvents {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static KafkaProducer<String, String> producer;
    private static KafkaProducer<String, String> lingering;

    /** A record as a relay would send it: key and structured-mode CloudEvent text (or anything, for a poison record). */
    public record Record(String key, String value) {
    }

    private TestEvents() {
    }

    /** {@code payload} in an envelope from {@code source}, e.g. {@code /esscard/permit-service}. */
    public static CloudEvent event(String source, EventPayload payload) {
        return CloudEvent.of(source, payload, EventJson.mapper(), Clock.systemUTC());
    }

    /** Publishes {@code payload} on {@code topic} keyed by its subject, as {@code source}'s relay would. */
    public static CloudEvent publish(String topic, String source, EventPayload payload) {
        CloudEvent event = event(source, payload);
        publish(topic, event);
        return event;
    }

    public static void publish(String topic, CloudEvent event) {
        publish(topic, event.subject(), EventJson.write(event));
    }

    /**
     * Publishes the example {@code events} ships for {@code payloadType} ({@code org/esscard/events/examples/}) as its
     * producer's relay would: keyed by its subject, with a fresh event id, and each key of {@code replace} replaced by
     * its value wherever the example's text has it: its permit number or account id by a test's own, so tests share no
     * holder (a key an example does not hold changes nothing, so one holder's keys fit every example). Consumers' tests
     * are fed these, so an example that no longer says what a consumer reads fails there.
     */
    public static CloudEvent publishExample(String topic, Class<? extends EventPayload> payloadType, Map<String, String> replace) {
        String name = "org/esscard/events/examples/" + payloadType.getSimpleName() + ".json";
        String text;
        try (InputStream in = TestEvents.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new AssertionError("events ships no example " + name);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, String> r : replace.entrySet()) {
            text = text.replace(r.getKey(), r.getValue());
        }
        try {
            ObjectNode tree = (ObjectNode) EventJson.mapper().readTree(text);
            tree.put("id", UUID.randomUUID().toString());
            String json = EventJson.mapper().writeValueAsString(tree);
            CloudEvent event = EventJson.read(json);
            publish(topic, event.subject(), json);
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts a raw record on {@code topic}, as a producer would; returns once the broker has it. */
    public static void publish(String topic, String key, String value) {
        try {
            producer().send(record(topic, key, value)).get();
        } catch (Exception e) {
            throw new AssertionError("publishing to " + topic + " failed", e);
        }
    }

    /**
     * Publishes {@code records} in one producer request (they wait for each other in the producer), so the consumer
     * fetches them in one poll: one batch.
     */
    public static void publishTogether(String topic, List<Record> records) {
        List<Future<?>> acks = new ArrayList<>();
        for (Record r : records) {
            acks.add(lingering().send(record(topic, r.key(), r.value())));
        }
        try {
            for (Future<?> ack : acks) {
                ack.get();
            }
        } catch (Exception e) {
            throw new AssertionError("publishing to " + topic + " failed", e);
        }
    }

    /** Whether the service whose database is {@code dataSource} has processed the event {@code eventId}. */
    public static boolean processed(DataSource dataSource, String eventId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select count(*) from inbox_processed where event_id = ?")) {
            s.setString(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    /** Waits until the consumer has processed {@code event}. */
    public static void awaitProcessed(DataSource dataSource, CloudEvent event) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> processed(dataSource, event.id()));
    }

    /**
     * Waits until the consumer has handled everything published so far under {@code key} on {@code topic}: a marker
     * event of a type no consumer knows (marked processed, nothing done) is published after it and waited for.
     */
    public static void awaitConsumed(DataSource dataSource, String topic, String key) {
        CloudEvent marker = new CloudEvent("1.0", UUID.randomUUID().toString(), "/test", "esscard.test.Marker.v1", key,
                OffsetDateTime.now(), "application/json", EventJson.mapper().createObjectNode());
        publish(topic, marker);
        awaitProcessed(dataSource, marker);
    }

    private static ProducerRecord<String, String> record(String topic, String key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers().add("content-type", CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(settings(0));
        }
        return producer;
    }

    private static synchronized KafkaProducer<String, String> lingering() {
        if (lingering == null) {
            lingering = new KafkaProducer<>(settings(200));
        }
        return lingering;
    }

    private static Map<String, Object> settings(int lingerMs) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerProcess.shared().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    }
}

package org.esscard.notification;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.events.EventPayload;
import org.esscard.events.permit.PermitSnapshot;
import org.esscard.events.permit.PermitStatus;
import org.esscard.events.permit.TalentCategory;
import org.esscard.platform.testing.KafkaBrokerProcess;

/** Publishes events as the other services' relays do, and waits until the service has taken them in. */
final class Events {

    private static KafkaProducer<String, String> producer;
    private static KafkaProducer<String, String> lingering;

    /** A record as a relay would send it: key and structured-mode CloudEvent text (or anything, for a poison record). */
    record Record(String key, String value) {
    }

    private Events() {
    }

    static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerProcess.shared().bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        }
        return producer;
    }

    /**
     * Publishes {@code records} in one producer request (they wait for each other in the producer), so the consumer
     * fetches them in one poll: one batch.
     */
    static void publishTogether(String topic, java.util.List<Record> records) {
        synchronized (Events.class) {
            if (lingering == null) {
                lingering = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerProcess.shared().bootstrapServers(),
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                        ProducerConfig.LINGER_MS_CONFIG, 200));
            }
        }
        java.util.List<java.util.concurrent.Future<?>> acks = new java.util.ArrayList<>();
        for (Record r : records) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, r.key(), r.value());
            record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
            acks.add(lingering.send(record));
        }
        try {
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static CloudEvent event(String source, EventPayload payload) {
        return CloudEvent.of(source, payload, EventJson.mapper(), Clock.systemUTC());
    }

    static void publish(String topic, CloudEvent event) {
        publish(topic, event.subject(), toJson(event));
    }

    static void publish(String topic, String key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
        try {
            producer().send(record).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Waits until the consumer has handled everything published so far under {@code key} on {@code topic}. */
    static void awaitConsumed(DataSource dataSource, String topic, String key) {
        CloudEvent marker = new CloudEvent("1.0", java.util.UUID.randomUUID().toString(), "/test", "esscard.test.Marker.v1",
                key, java.time.OffsetDateTime.now(), "application/json", EventJson.mapper().createObjectNode());
        publish(topic, key, toJson(marker));
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(dataSource, marker.id()));
    }

    static boolean processed(DataSource dataSource, String eventId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select count(*) from inbox_processed where event_id = ?")) {
            s.setString(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    static PermitSnapshot permit(String number, PermitStatus status, LocalDate validUntil, long version) {
        return new PermitSnapshot(number, "SMITH JOHN-PAUL", "533380006", "GBR", "Example Co.", "Engineer", "Shanghai",
                TalentCategory.B, validUntil.minusYears(2), validUntil, status, version);
    }

    static String newPermitNumber() {
        return "N" + String.format("%014d", ThreadLocalRandom.current().nextLong(100_000_000_000_000L));
    }

    static String newMobile() {
        return "+86139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    static Instant now() {
        return Instant.now();
    }

    static String json(CloudEvent event) {
        return toJson(event);
    }

    private static String toJson(CloudEvent event) {
        try {
            return EventJson.mapper().writeValueAsString(event);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

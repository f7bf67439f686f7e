package org.esscard.identity.support;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.events.EventPayload;
import org.esscard.events.Topics;
import org.esscard.events.permit.PermitCancelled;
import org.esscard.events.permit.PermitIssued;
import org.esscard.events.permit.PermitSnapshot;
import org.esscard.events.permit.PermitStatus;
import org.esscard.events.permit.PermitUpdated;
import org.esscard.events.permit.TalentCategory;
import org.esscard.identity.support.People.Person;
import org.esscard.platform.testing.KafkaBrokerProcess;

/**
 * Publishes permit events to permit-events as permit-service's relay does, and waits until identity-service has
 * taken each in (its id in the inbox), so a test can go on at once.
 */
public final class PermitEvents {

    private static final String SOURCE = "/esscard/permit-service";
    private static KafkaProducer<String, String> producer;

    private PermitEvents() {
    }

    /** The permit authority issued {@code person}'s permit, valid for a year; returns once identity-service knows. */
    public static void issued(DataSource dataSource, Person person) {
        publishAndAwait(dataSource, new PermitIssued(snapshot(person, PermitStatus.ACTIVE, LocalDate.now().plusYears(1), 0)));
    }

    /** The authority amended the permit to the snapshot's data. */
    public static void amended(DataSource dataSource, Person person, long version) {
        publishAndAwait(dataSource, new PermitUpdated(snapshot(person, PermitStatus.ACTIVE, LocalDate.now().plusYears(1), version),
                PermitUpdated.AMENDED));
    }

    public static void cancelled(DataSource dataSource, Person person, long version) {
        publishAndAwait(dataSource, new PermitCancelled(snapshot(person, PermitStatus.CANCELLED, LocalDate.now().plusYears(1), version),
                "Employment ended", java.time.Instant.now()));
    }

    public static PermitSnapshot snapshot(Person person, PermitStatus status, LocalDate validUntil, long version) {
        return new PermitSnapshot(person.permitNumber(), person.name(), person.passportNumber(), "GBR",
                "Shanghai Example Technology Co., Ltd.", "Software Engineer", "Shanghai", TalentCategory.B,
                validUntil.minusYears(2), validUntil, status, version);
    }

    /** Publishes {@code payload} and waits until the consumer has processed it. */
    public static CloudEvent publishAndAwait(DataSource dataSource, EventPayload payload) {
        CloudEvent event = CloudEvent.of(SOURCE, payload, EventJson.mapper(), Clock.systemUTC());
        publish(event.subject(), EventJson.write(event));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> processed(dataSource, event.id()));
        return event;
    }

    /** Puts a raw record on permit-events, as a producer would. */
    public static void publish(String key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.PERMIT_EVENTS, key, value);
        record.headers().add("content-type", CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        try {
            producer().send(record).get();
        } catch (Exception e) {
            throw new AssertionError("publishing to " + Topics.PERMIT_EVENTS + " failed", e);
        }
    }

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

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerProcess.shared().bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        }
        return producer;
    }
}

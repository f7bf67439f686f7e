package org.esscard.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.events.EventPayload;
import org.esscard.events.permit.PermitSnapshot;
import org.esscard.events.permit.PermitStatus;
import org.esscard.events.permit.TalentCategory;
import org.esscard.platform.testing.TestEvents;

/** Publishes events as the other services' relays do, and waits until the service has taken them in. */
final class Events {

    /** A record as a relay would send it: key and structured-mode CloudEvent text (or anything, for a poison record). */
    record Record(String key, String value) {
    }

    private Events() {
    }

    /** Publishes {@code records} so that the consumer fetches them in one poll: one batch. */
    static void publishTogether(String topic, java.util.List<Record> records) {
        TestEvents.publishTogether(topic, records.stream().map(r -> new TestEvents.Record(r.key(), r.value())).toList());
    }

    static CloudEvent event(String source, EventPayload payload) {
        return TestEvents.event(source, payload);
    }

    static void publish(String topic, CloudEvent event) {
        TestEvents.publish(topic, event);
    }

    static void publish(String topic, String key, String value) {
        TestEvents.publish(topic, key, value);
    }

    /** Waits until the consumer has handled everything published so far under {@code key} on {@code topic}. */
    static void awaitConsumed(DataSource dataSource, String topic, String key) {
        TestEvents.awaitConsumed(dataSource, topic, key);
    }

    static boolean processed(DataSource dataSource, String eventId) throws Exception {
        return TestEvents.processed(dataSource, eventId);
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
        return EventJson.write(event);
    }
}

package org.esscard.account.support;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.events.EventPayload;
import org.esscard.events.Topics;
import org.esscard.events.permit.PermitSnapshot;
import org.esscard.events.permit.PermitStatus;
import org.esscard.events.permit.TalentCategory;
import org.esscard.platform.testing.Sql;
import org.esscard.platform.testing.TestEvents;
import org.esscard.platform.testing.TopicReader;

/** Publishes events to the real broker as the other services' relays do, and reads what account-service published. */
public final class Events {

    public static final String PERMIT_SERVICE = "/esscard/permit-service";
    public static final String IDENTITY_SERVICE = "/esscard/identity-service";

    private Events() {
    }

    public static CloudEvent event(String source, EventPayload payload) {
        return TestEvents.event(source, payload);
    }

    /** Publishes {@code payload} on {@code topic} keyed by its subject, as {@code source}'s relay would. */
    public static CloudEvent publish(String topic, String source, EventPayload payload) {
        return TestEvents.publish(topic, source, payload);
    }

    /** Waits until account-service's consumer has applied {@code event} (its inbox holds the id). */
    public static void awaitConsumed(DataSource dataSource, CloudEvent event) {
        TestEvents.awaitProcessed(dataSource, event);
    }

    public static long count(DataSource dataSource, String sql, Object... params) throws Exception {
        return Sql.count(dataSource, sql, params);
    }

    public static String string(DataSource dataSource, String sql, Object... params) throws Exception {
        return Sql.string(dataSource, sql, params);
    }

    /** The passport of every test permit unless a test gives its own. */
    public static final String PASSPORT = "533380006";

    public static PermitSnapshot permit(String number, String holderName, PermitStatus status, LocalDate validUntil, long version) {
        return permit(number, holderName, PASSPORT, status, validUntil, version);
    }

    public static PermitSnapshot permit(String number, String holderName, String passportNumber, PermitStatus status, LocalDate validUntil,
            long version) {
        return new PermitSnapshot(number, holderName, passportNumber, "GBR", "Example Co.", "Engineer", "Shanghai", TalentCategory.B,
                validUntil.minusYears(2), validUntil, status, version);
    }

    /** Events on account-events whose key is {@code accountId}, once {@code done} holds for them. */
    public static List<CloudEvent> accountEvents(String accountId, Predicate<List<CloudEvent>> done) {
        List<ConsumerRecord<String, String>> records = TopicReader.readUntil(Topics.ACCOUNT_EVENTS,
                r -> done.test(parse(r, accountId)), Duration.ofSeconds(30));
        return parse(records, accountId);
    }

    private static List<CloudEvent> parse(List<ConsumerRecord<String, String>> records, String key) {
        return records.stream().filter(r -> key.equals(r.key())).map(r -> {
            try {
                return EventJson.mapper().readValue(r.value(), CloudEvent.class);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).collect(Collectors.toList());
    }
}

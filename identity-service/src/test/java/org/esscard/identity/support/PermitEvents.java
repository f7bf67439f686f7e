package org.esscard.identity.support;

import java.sql.SQLException;
import java.time.LocalDate;

import javax.sql.DataSource;

import org.esscard.events.CloudEvent;
import org.esscard.events.EventPayload;
import org.esscard.events.Topics;
import org.esscard.events.permit.PermitCancelled;
import org.esscard.events.permit.PermitIssued;
import org.esscard.events.permit.PermitSnapshot;
import org.esscard.events.permit.PermitStatus;
import org.esscard.events.permit.PermitUpdated;
import org.esscard.events.permit.TalentCategory;
import org.esscard.identity.support.People.Person;
import org.esscard.platform.testing.TestEvents;

/**
 * Publishes permit events to permit-events as permit-service's relay does, and waits until identity-service has
 * taken each in (its id in the inbox), so a test can go on at once.
 */
public final class PermitEvents {

    private static final String SOURCE = "/esscard/permit-service";

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
        CloudEvent event = TestEvents.publish(Topics.PERMIT_EVENTS, SOURCE, payload);
        TestEvents.awaitProcessed(dataSource, event);
        return event;
    }

    /** Puts a raw record on permit-events, as a producer would. */
    public static void publish(String key, String value) {
        TestEvents.publish(Topics.PERMIT_EVENTS, key, value);
    }

    public static boolean processed(DataSource dataSource, String eventId) throws SQLException {
        return TestEvents.processed(dataSource, eventId);
    }
}

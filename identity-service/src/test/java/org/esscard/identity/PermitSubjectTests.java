package org.esscard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.util.List;

import org.esscard.events.permit.PermitExpired;
import org.esscard.events.permit.PermitStatus;
import org.esscard.events.permit.PermitUpdated;
import org.esscard.identity.support.People.Person;
import org.esscard.identity.support.People;
import org.esscard.identity.support.PermitEvents;
import org.esscard.identity.support.Sessions;
import org.esscard.platform.testing.TopicReader;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Whom a permit belongs to, learnt from permit-events: each event once, a late older snapshot ignored. */
@QuarkusTest
class PermitSubjectTests {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void R3_anAmendedNameIsTheOneSessionsMustMatch() {
        Person person = People.newPerson();
        PermitEvents.issued(dataSource, person);
        Person corrected = new Person(person.permitNumber(), "SMITH JOHN-PAUL ANDREW", person.passportNumber());

        PermitEvents.amended(dataSource, corrected, 1);

        Sessions.open(person, "REGISTRATION").statusCode(422).body("code", equalTo("NAME_MISMATCH"));
        Sessions.open(corrected, "REGISTRATION").statusCode(201);
    }

    @Test
    void aSnapshotOlderThanTheStoredOneIsIgnored() {
        Person person = People.newPerson();
        PermitEvents.issued(dataSource, person);
        Person renamed = new Person(person.permitNumber(), "SMITH JOHN-PAUL ANDREW", person.passportNumber());
        PermitEvents.publishAndAwait(dataSource, new PermitUpdated(PermitEvents.snapshot(renamed, PermitStatus.ACTIVE,
                LocalDate.now().plusYears(1), 2), PermitUpdated.AMENDED));

        PermitEvents.publishAndAwait(dataSource, new PermitUpdated(PermitEvents.snapshot(person, PermitStatus.ACTIVE,
                LocalDate.now().plusYears(1), 1), PermitUpdated.AMENDED));

        assertThat(stored(person, "holder_name")).isEqualTo("SMITH JOHN-PAUL ANDREW");
        assertThat(stored(person, "version")).isEqualTo("2");
    }

    @Test
    void anExpiredPermitCannotStartARegistration() {
        Person person = People.newPerson();
        PermitEvents.issued(dataSource, person);

        PermitEvents.publishAndAwait(dataSource, new PermitExpired(PermitEvents.snapshot(person, PermitStatus.EXPIRED,
                LocalDate.now().minusDays(1), 1)));

        assertThat(stored(person, "status")).isEqualTo("EXPIRED");
        Sessions.open(person, "REGISTRATION").statusCode(403).body("code", equalTo("PERMIT_NOT_VALID"));
    }

    @Test
    void aRecordThatIsNotACloudEventGoesToTheDeadLetterTopic() {
        String key = People.newPerson().permitNumber();

        PermitEvents.publish(key, "{\"not\": \"an event\"}");

        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> dead = TopicReader.readUntil(
                "permit-events.identity-service.dlq", r -> r.stream().anyMatch(x -> key.equals(x.key())),
                java.time.Duration.ofSeconds(30));
        assertThat(dead).anyMatch(r -> key.equals(r.key()));
        // and the partition moved on: a later event is still taken in
        Person person = People.newPerson();
        PermitEvents.issued(dataSource, person);
        Sessions.open(person, "REGISTRATION").statusCode(201);
    }

    private String stored(Person person, String column) {
        try (var c = dataSource.getConnection();
                var s = c.prepareStatement("select " + column + " from permit_subject where permit_number = ?")) {
            s.setString(1, person.permitNumber());
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}

package org.esscard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import org.esscard.events.Topics;
import org.esscard.events.erasure.ErasureReason;
import org.esscard.events.permit.HolderErased;
import org.esscard.identity.support.People;
import org.esscard.identity.support.People.Person;
import org.esscard.identity.support.PermitEvents;
import org.esscard.identity.support.Sessions;
import org.esscard.platform.privacy.ErasureLedger;
import org.esscard.platform.privacy.Pseudonyms;
import org.esscard.platform.testing.Metrics;
import org.esscard.platform.testing.Sql;
import org.esscard.platform.testing.TestNames;
import org.esscard.platform.testing.TopicReader;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Issue 18 at identity-service: a {@code HolderErased} leaves nothing that names the holder, keeps the R6 face counter
 * under the pseudonym (so erasure never reopens face), reports to the ledger, and is carried out again after a restore.
 */
@QuarkusTest
class HolderErasureTests {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Pseudonyms pseudonyms;

    @Inject
    ErasureLedger ledger;

    @Test
    void R6_erasureLeavesNothingThatNamesTheHolder_andTheFaceCounterSurvivesIt() throws SQLException {
        Person person = uniquePerson();
        String pseudonym = pseudonyms.of(person.permitNumber());
        PermitEvents.issued(dataSource, person);
        String mobile = People.newMobile();
        Sessions.mobile(Sessions.openId(person, "REAL_NAME"), mobile.substring(3)).statusCode(202);
        Sessions.closeFace(person, Sessions.openId(person, "REGISTRATION"));
        assertThat(Sql.rowsContaining(dataSource, person.name(), person.passportNumber(), mobile.substring(3))).isNotEmpty();

        PermitEvents.publishAndAwait(dataSource, new HolderErased(person.permitNumber(), pseudonym, ErasureReason.REQUEST, Instant.now()));

        assertThat(Sql.rowsContaining(dataSource, person.name(), person.passportNumber(), mobile.substring(3), person.permitNumber())).isEmpty();
        assertThat(Sql.count(dataSource, "select count(*) from verification_session where permit_number = ? and subject_name = ''", pseudonym))
                .isEqualTo(2);
        assertThat(Sql.count(dataSource, "select count(*) from verification_audit where permit_number = ? and masked_ids is null", pseudonym))
                .isPositive();
        assertThat(Sql.count(dataSource, "select count(*) from face_attempt_counter where permit_number = ? and closed_at is not null",
                pseudonym)).isEqualTo(1);
        TopicReader.readUntil(Topics.ERASURE_LEDGER, records -> records.stream()
                .anyMatch(r -> (pseudonym + "/identity-service").equals(r.key()) && r.value().contains("\"permit_subject\":1")),
                Duration.ofSeconds(30));

        // rerunnable: the same erasure again changes nothing and reports zeros
        PermitEvents.publishAndAwait(dataSource, new HolderErased(person.permitNumber(), pseudonym, ErasureReason.REQUEST, Instant.now()));
        TopicReader.readUntil(Topics.ERASURE_LEDGER, records -> records.stream()
                .anyMatch(r -> (pseudonym + "/identity-service").equals(r.key()) && r.value().contains("\"permit_subject\":0")),
                Duration.ofSeconds(30));

        // the authority issues the permit again: face stays closed for the person (R6)
        PermitEvents.issued(dataSource, person);
        String again = Sessions.openId(person, "REGISTRATION");
        Sessions.face(again).statusCode(423);
    }

    @Test
    void anErasedHolderRestoredFromABackupIsErasedAgain() throws SQLException {
        Person person = uniquePerson();
        String pseudonym = pseudonyms.of(person.permitNumber());
        PermitEvents.issued(dataSource, person);
        PermitEvents.publishAndAwait(dataSource, new HolderErased(person.permitNumber(), pseudonym, ErasureReason.RETENTION, Instant.now()));
        // the ledger's entry, as permit-service writes it
        org.esscard.platform.testing.TestEvents.publish(Topics.ERASURE_LEDGER, "/esscard/permit-service",
                new org.esscard.events.permit.ErasureRecorded(pseudonym, ErasureReason.RETENTION, Instant.now()));
        // the copy of the permit as a backup made before the erasure has it
        Sql.count(dataSource, "with t as (insert into permit_subject (permit_number, holder_name, passport_number, status, valid_until,"
                + " version, updated_at) values (?, ?, ?, 'EXPIRED', current_date, 3, now()) returning 1) select count(*) from t",
                person.permitNumber(), person.name(), person.passportNumber());

        double replayedBefore = Metrics.value("esscard_erasures_total", java.util.Map.of("replay", "true"));

        assertThat(ledger.replay()).isGreaterThanOrEqualTo(1);

        assertThat(Sql.rowsContaining(dataSource, person.name(), person.passportNumber())).isEmpty();
        // operators see how many a restore brought back
        assertThat(Metrics.value("esscard_erasures_total", java.util.Map.of("replay", "true"))).isGreaterThan(replayedBefore);
    }

    /** A person whose name no other test uses, so a scan for it finds only what this test left. */
    private static Person uniquePerson() {
        Person person = People.newPerson();
        return new Person(person.permitNumber(), TestNames.uniqueHolderName(), TestNames.uniquePassport());
    }
}

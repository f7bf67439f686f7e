package org.esscard.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;

import org.esscard.account.support.Events;
import org.esscard.account.support.Holders;
import org.esscard.account.support.Holders.Holder;
import org.esscard.events.CloudEvent;
import org.esscard.events.Topics;
import org.esscard.events.erasure.ErasureReason;
import org.esscard.events.permit.ErasureRecorded;
import org.esscard.events.permit.HolderErased;
import org.esscard.platform.privacy.ErasureLedger;
import org.esscard.platform.privacy.Pseudonyms;
import org.esscard.platform.testing.Sql;
import org.esscard.platform.testing.TestNames;
import org.esscard.platform.testing.TopicReader;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Issue 18 at account-service: a {@code HolderErased} deletes the holder's account with everything hanging from it and
 * its copy of the permit, ends every session at once, reports to the ledger, and is carried out again after a restore.
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
    void erasureDeletesTheAccount_andItsTokensStopWorking() throws Exception {
        String name = TestNames.uniqueHolderName();
        Holder holder = Holders.withPermit(Holders.PASSWORD, name);
        var login = Holders.login(holder.permitNumber(), Holders.PASSWORD, Holders.newAddress()).statusCode(200).extract().jsonPath();
        String access = login.getString("access_token");
        given().auth().oauth2(access).when().get("/api/accounts/sessions").then().statusCode(200);
        String pseudonym = pseudonyms.of(holder.permitNumber());

        erase(holder.permitNumber(), pseudonym);

        assertThat(Sql.rowsContaining(dataSource, name, holder.permitNumber(), holder.socialSecurityNumber())).isEmpty();
        // the account id stays only in the SessionsRevoked that ends its sessions, until the relay has sent it
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Sql.rowsContaining(dataSource, holder.accountId())).isEmpty());
        Holders.login(holder.permitNumber(), Holders.PASSWORD, Holders.newAddress()).statusCode(401);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(access).when().get("/api/accounts/sessions")
                .then().statusCode(401).body("code", equalTo("TOKEN_REVOKED")));
        given().contentType("application/json").body(java.util.Map.of("refresh_token", login.getString("refresh_token")))
                .when().post("/api/accounts/token/refresh").then().statusCode(401);
        TopicReader.readUntil(Topics.ERASURE_LEDGER, records -> records.stream()
                .anyMatch(r -> (pseudonym + "/account-service").equals(r.key()) && r.value().contains("\"holder_account\":1")
                        && r.value().contains("\"permit_record\":1")), Duration.ofSeconds(30));

        // rerunnable
        erase(holder.permitNumber(), pseudonym);
        TopicReader.readUntil(Topics.ERASURE_LEDGER, records -> records.stream()
                .anyMatch(r -> (pseudonym + "/account-service").equals(r.key()) && r.value().contains("\"holder_account\":0")),
                Duration.ofSeconds(30));
    }

    @Test
    void anAccountSupportImportedForThePermitsPassportGoesWithIt_unlessAnotherPermitOfThePassportRemains() throws Exception {
        String name = TestNames.uniqueHolderName();
        String passport = TestNames.uniquePassport();
        Holders.Imported imported = Holders.imported(name, Holders.PASSWORD, Holders.permit(dataSource, name, passport));
        String pseudonym = pseudonyms.of(imported.linkedPermit());
        // another permit of the same passport: the person is still a holder, the account stays until it goes too
        String other = Holders.permit(dataSource, name, passport);

        erase(imported.linkedPermit(), pseudonym);
        assertThat(Sql.count(dataSource, "select count(*) from holder_account where id = ?", java.util.UUID.fromString(imported.accountId())))
                .isEqualTo(1);

        erase(other, pseudonyms.of(other));
        assertThat(Sql.rowsContaining(dataSource, name, imported.socialSecurityNumber(), imported.cardNumber())).isEmpty();
        Holders.loginBySsn(imported.socialSecurityNumber(), Holders.PASSWORD, Holders.newAddress()).statusCode(401);
    }

    @Test
    void anErasedHolderRestoredFromABackupIsErasedAgain() throws Exception {
        String name = TestNames.uniqueHolderName();
        String permit = Holders.permit(dataSource, name);
        String pseudonym = pseudonyms.of(permit);
        erase(permit, pseudonym);
        Events.publish(Topics.ERASURE_LEDGER, Events.PERMIT_SERVICE, new ErasureRecorded(pseudonym, ErasureReason.RETENTION, Instant.now()));
        // the copy of the permit as a backup made before the erasure has it
        Sql.count(dataSource, "with t as (insert into permit_record (permit_number, holder_name, passport_number, status, valid_until,"
                + " version, updated_at) values (?, ?, '533380006', 'ACTIVE', current_date + 300, 1, now()) returning 1)"
                + " select count(*) from t", permit, name);

        assertThat(ledger.replay()).isGreaterThanOrEqualTo(1);

        assertThat(Sql.rowsContaining(dataSource, name, permit)).isEmpty();
    }

    private void erase(String permitNumber, String pseudonym) {
        CloudEvent event = Events.publish(Topics.PERMIT_EVENTS, Events.PERMIT_SERVICE,
                new HolderErased(permitNumber, pseudonym, ErasureReason.REQUEST, Instant.now()));
        Events.awaitConsumed(dataSource, event);
    }
}

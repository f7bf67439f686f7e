package org.esscard.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.esscard.events.Topics;
import org.esscard.events.account.AccountRegistered;
import org.esscard.events.account.NewDeviceLogin;
import org.esscard.events.erasure.ErasureReason;
import org.esscard.events.permit.ErasureRecorded;
import org.esscard.events.permit.HolderErased;
import org.esscard.events.permit.PermitExpiring;
import org.esscard.events.permit.PermitStatus;
import org.esscard.platform.privacy.ErasureLedger;
import org.esscard.platform.privacy.Pseudonyms;
import org.esscard.platform.testing.Sql;
import org.esscard.platform.testing.TestTokens;
import org.esscard.platform.testing.TopicReader;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Issue 18 at notification-service: a {@code HolderErased} deletes the holder's inbox (permit reminders and security
 * notices), its deliveries and the recipient with the mobile; reported to the ledger; carried out again after a restore.
 */
@QuarkusTest
class HolderErasureTests {

    private static final String PERMIT_SERVICE = "/esscard/permit-service";
    private static final String ACCOUNT_SERVICE = "/esscard/account-service";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Pseudonyms pseudonyms;

    @Inject
    ErasureLedger ledger;

    @Test
    void erasureDeletesTheInboxItsDeliveriesAndTheRecipient() throws Exception {
        String permit = Events.newPermitNumber();
        String account = "acc-" + permit;
        String mobile = Events.newMobile();
        String pseudonym = pseudonyms.of(permit);
        Events.publish(Topics.ACCOUNT_EVENTS, Events.event(ACCOUNT_SERVICE,
                new AccountRegistered(account, permit, "SMITH JOHN-PAUL", "E31010000009", Events.now(), mobile)));
        Events.awaitConsumed(dataSource, Topics.ACCOUNT_EVENTS, account);
        Events.publish(Topics.PERMIT_EVENTS, Events.event(PERMIT_SERVICE,
                new PermitExpiring(Events.permit(permit, PermitStatus.ACTIVE, LocalDate.now().plusDays(30), 0), 30, 30)));
        Events.publish(Topics.ACCOUNT_EVENTS, Events.event(ACCOUNT_SERVICE, new NewDeviceLogin(account, null,
                "0196281a-6d40-7000-8000-3c9e1f2a4b5d", "eSSCard/2.4.0 (Android 14; Pixel 8)", "203.0.113.*", Events.now())));
        Events.awaitConsumed(dataSource, Topics.PERMIT_EVENTS, permit);
        Events.awaitConsumed(dataSource, Topics.ACCOUNT_EVENTS, account);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.holder(account, permit))
                .when().get("/api/notifications/inbox").then().statusCode(200).body("total", equalTo(2)));

        Events.publish(Topics.PERMIT_EVENTS, Events.event(PERMIT_SERVICE,
                new HolderErased(permit, pseudonym, ErasureReason.REQUEST, Instant.now())));
        Events.awaitConsumed(dataSource, Topics.PERMIT_EVENTS, permit);

        assertThat(Sql.rowsContaining(dataSource, permit, account, mobile.substring(3))).isEmpty();
        given().auth().oauth2(TestTokens.holder(account, permit)).when().get("/api/notifications/inbox")
                .then().statusCode(200).body("total", equalTo(0));
        TopicReader.readUntil(Topics.ERASURE_LEDGER, records -> records.stream()
                .anyMatch(r -> (pseudonym + "/notification-service").equals(r.key()) && r.value().contains("\"inbox_entry\":2")
                        && r.value().contains("\"recipient\":1")), Duration.ofSeconds(30));
    }

    @Test
    void anErasedHolderRestoredFromABackupIsErasedAgain() throws Exception {
        String permit = Events.newPermitNumber();
        String pseudonym = pseudonyms.of(permit);
        Events.publish(Topics.PERMIT_EVENTS, Events.event(PERMIT_SERVICE, new HolderErased(permit, pseudonym, ErasureReason.RETENTION,
                Instant.now())));
        Events.awaitConsumed(dataSource, Topics.PERMIT_EVENTS, permit);
        Events.publish(Topics.ERASURE_LEDGER, Events.event(PERMIT_SERVICE, new ErasureRecorded(pseudonym, ErasureReason.RETENTION,
                Instant.now())));
        // the recipient as a backup made before the erasure has it
        Sql.count(dataSource, "with t as (insert into recipient (account_id, permit_number, mobile, registered_at)"
                + " values (?, ?, '+8613800009999', now()) returning 1) select count(*) from t", "acc-" + permit, permit);

        assertThat(ledger.replay()).isGreaterThanOrEqualTo(1);

        assertThat(Sql.rowsContaining(dataSource, List.of(permit, "+8613800009999").toArray(String[]::new))).isEmpty();
    }
}

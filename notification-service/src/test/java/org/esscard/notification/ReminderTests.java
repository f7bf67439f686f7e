package org.esscard.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.esscard.events.CloudEvent;
import org.esscard.events.Topics;
import org.esscard.events.account.AccountRegistered;
import org.esscard.events.account.PasswordChanged;
import org.esscard.events.identity.VerificationLocked;
import org.esscard.events.identity.VerificationMethod;
import org.esscard.events.identity.VerificationPurpose;
import org.esscard.events.permit.PermitCancelled;
import org.esscard.events.permit.PermitExpired;
import org.esscard.events.permit.PermitExpiring;
import org.esscard.events.permit.PermitStatus;
import org.esscard.platform.testing.Metrics;
import org.esscard.platform.testing.ProviderSimulatorTestResource;
import org.esscard.platform.testing.TestTokens;
import org.esscard.platform.testing.TopicReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/** Reminders (R19) and security notices through a real broker into holders' inboxes, and out by push and SMS. */
@QuarkusTest
class ReminderTests {

    private static final String PERMIT_SERVICE = "/esscard/permit-service";
    private static final LocalDate VALID_UNTIL = LocalDate.now().plusDays(30);

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void resetSimulator() {
        given().baseUri(ProviderSimulatorTestResource.url()).when().delete("/sim/script").then().statusCode(204);
    }

    @Test
    void R19_expiringExpiredAndCancelledEachMakeOneEntryWithWhatToDoNext() {
        String permit = Events.newPermitNumber();
        Events.publish(Topics.PERMIT_EVENTS, Events.event(PERMIT_SERVICE,
                new PermitExpiring(Events.permit(permit, PermitStatus.ACTIVE, VALID_UNTIL, 0), 30, 30)));
        Events.publish(Topics.PERMIT_EVENTS, Events.event(PERMIT_SERVICE,
                new PermitExpired(Events.permit(permit, PermitStatus.EXPIRED, VALID_UNTIL, 1))));
        String other = Events.newPermitNumber();
        Events.publish(Topics.PERMIT_EVENTS, Events.event(PERMIT_SERVICE, new PermitCancelled(
                Events.permit(other, PermitStatus.CANCELLED, VALID_UNTIL, 1), "Employment ended", Events.now())));
        Events.awaitConsumed(dataSource, Topics.PERMIT_EVENTS, permit);
        Events.awaitConsumed(dataSource, Topics.PERMIT_EVENTS, other);

        given().auth().oauth2(TestTokens.holder("acc-" + permit, permit)).header("Accept-Language", "en")
                .when().get("/api/notifications/inbox")
                .then().statusCode(200).body("total", equalTo(2))
                .body("items.kind", hasItems("PERMIT_EXPIRING", "PERMIT_EXPIRED"))
                .body("items.find { it.kind == 'PERMIT_EXPIRING' }.title", equalTo("Your work permit expires in 30 days"))
                .body("items.find { it.kind == 'PERMIT_EXPIRING' }.body", containsString(VALID_UNTIL.toString()))
                .body("items.find { it.kind == 'PERMIT_EXPIRING' }.body", containsString("ask your employer"))
                .body("items.find { it.kind == 'PERMIT_EXPIRED' }.body", containsString("no longer available"));
        given().auth().oauth2(TestTokens.holder("acc-" + other, other)).header("Accept-Language", "zh-CN")
                .when().get("/api/notifications/inbox")
                .then().statusCode(200).body("total", equalTo(1))
                .body("items[0].title", equalTo("您的工作许可已被注销"))
                .body("items[0].body", containsString("Employment ended"))
                .body("items[0].body", containsString("010-12333-2"));
    }

    @Test
    void R19_theSameReminderDeliveredTwiceIsOneEntry() {
        String permit = Events.newPermitNumber();
        CloudEvent expiring = Events.event(PERMIT_SERVICE, new PermitExpiring(Events.permit(permit, PermitStatus.ACTIVE, VALID_UNTIL, 0), 7, 7));
        Events.publish(Topics.PERMIT_EVENTS, expiring);
        Events.publish(Topics.PERMIT_EVENTS, expiring);
        Events.awaitConsumed(dataSource, Topics.PERMIT_EVENTS, permit);

        given().auth().oauth2(TestTokens.support()).when().get("/api/notifications/support/permits/" + permit + "/inbox")
                .then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void R19_aPoisonMessageGoesToTheDeadLetterTopicAndTheNextIsProcessed() {
        String permit = Events.newPermitNumber();
        Events.publish(Topics.PERMIT_EVENTS, permit, "{\"not\": \"a cloud event\"}");
        Events.publish(Topics.PERMIT_EVENTS, Events.event(PERMIT_SERVICE,
                new PermitExpiring(Events.permit(permit, PermitStatus.ACTIVE, VALID_UNTIL, 0), 30, 30)));
        Events.awaitConsumed(dataSource, Topics.PERMIT_EVENTS, permit);

        given().auth().oauth2(TestTokens.support()).when().get("/api/notifications/support/permits/" + permit + "/inbox")
                .then().statusCode(200).body("total", equalTo(1));
        List<ConsumerRecord<String, String>> dead = TopicReader.readUntil("permit-events.notification-service.dlq",
                r -> r.stream().anyMatch(rec -> permit.equals(rec.key())), Duration.ofSeconds(30));
        ConsumerRecord<String, String> poison = dead.stream().filter(r -> permit.equals(r.key())).findFirst().orElseThrow();
        assertThat(new String(poison.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("not a CloudEvent");
    }

    @Test
    void R19_aLateExpiringReminderAfterTheCancellationMakesNoEntry() {
        String permit = Events.newPermitNumber();
        Events.publish(Topics.PERMIT_EVENTS, Events.event(PERMIT_SERVICE, new PermitCancelled(
                Events.permit(permit, PermitStatus.CANCELLED, VALID_UNTIL, 1), "Left China", Events.now())));
        Events.publish(Topics.PERMIT_EVENTS, Events.event(PERMIT_SERVICE,
                new PermitExpiring(Events.permit(permit, PermitStatus.ACTIVE, VALID_UNTIL, 0), 7, 7)));
        Events.publish(Topics.PERMIT_EVENTS, Events.event(PERMIT_SERVICE,
                new PermitExpired(Events.permit(permit, PermitStatus.EXPIRED, VALID_UNTIL, 1))));
        Events.awaitConsumed(dataSource, Topics.PERMIT_EVENTS, permit);

        given().auth().oauth2(TestTokens.support()).when().get("/api/notifications/support/permits/" + permit + "/inbox")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].kind", equalTo("PERMIT_CANCELLED"));
    }

    @Test
    void R19_aReminderBeforeRegistrationIsKeptAndThenPushAndSmsReachTheHolder() {
        String permit = Events.newPermitNumber();
        String account = "acc-" + permit;
        String mobile = Events.newMobile();
        Events.publish(Topics.PERMIT_EVENTS, Events.event(PERMIT_SERVICE,
                new PermitExpiring(Events.permit(permit, PermitStatus.ACTIVE, VALID_UNTIL, 0), 30, 30)));
        Events.awaitConsumed(dataSource, Topics.PERMIT_EVENTS, permit);
        given().auth().oauth2(TestTokens.support()).when().get("/api/notifications/support/permits/" + permit + "/deliveries")
                .then().statusCode(200).body("status", equalTo(List.of("SKIPPED", "SKIPPED")))
                .body("lastError[0]", containsString("not registered"));

        Events.publish(Topics.ACCOUNT_EVENTS, Events.event("/esscard/account-service",
                new AccountRegistered(account, permit, "SMITH JOHN-PAUL", "E31010000001", Events.now(), mobile)));
        Events.awaitConsumed(dataSource, Topics.ACCOUNT_EVENTS, account);
        given().auth().oauth2(TestTokens.holder(account, permit)).when().get("/api/notifications/inbox")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].kind", equalTo("PERMIT_EXPIRING"));

        Events.publish(Topics.PERMIT_EVENTS, Events.event(PERMIT_SERVICE,
                new PermitExpiring(Events.permit(permit, PermitStatus.ACTIVE, VALID_UNTIL, 0), 7, 7)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().baseUri(ProviderSimulatorTestResource.url())
                .queryParam("to", mobile).queryParam("channel", "sms").when().get("/sim/messages")
                .then().statusCode(200).body("size()", equalTo(1)).body("[0].text", containsString("7")));
        given().baseUri(ProviderSimulatorTestResource.url()).queryParam("to", account).queryParam("channel", "push")
                .when().get("/sim/messages")
                .then().statusCode(200).body("size()", equalTo(1)).body("[0].title", containsString("Your work permit expires in 7 days"));
    }

    @Test
    void R19_aReminderTakenInBeforeTheHoldersNumberArrivesIsStillSentByPushAndSms() {
        // the holder registered before the cancellation, but account-events came in after permit-events
        String permit = Events.newPermitNumber();
        String account = "acc-" + permit;
        String mobile = Events.newMobile();
        AccountRegistered registered = new AccountRegistered(account, permit, "SMITH JOHN-PAUL", "E31010000004", Events.now(), mobile);
        Events.publish(Topics.PERMIT_EVENTS, Events.event(PERMIT_SERVICE, new PermitCancelled(
                Events.permit(permit, PermitStatus.CANCELLED, VALID_UNTIL, 1), "Employment ended", Events.now())));
        Events.awaitConsumed(dataSource, Topics.PERMIT_EVENTS, permit);
        given().auth().oauth2(TestTokens.support()).when().get("/api/notifications/support/permits/" + permit + "/deliveries")
                .then().statusCode(200).body("status", equalTo(List.of("SKIPPED", "SKIPPED")));

        Events.publish(Topics.ACCOUNT_EVENTS, Events.event("/esscard/account-service", registered));
        Events.publish(Topics.ACCOUNT_EVENTS, Events.event("/esscard/account-service", registered));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.support())
                .when().get("/api/notifications/support/permits/" + permit + "/deliveries")
                .then().statusCode(200).body("status", equalTo(List.of("SENT", "SENT"))));
        given().baseUri(ProviderSimulatorTestResource.url()).queryParam("to", mobile).queryParam("channel", "sms")
                .when().get("/sim/messages")
                .then().statusCode(200).body("size()", equalTo(1)).body("[0].text", containsString("Your work permit was cancelled"));
        given().baseUri(ProviderSimulatorTestResource.url()).queryParam("to", account).queryParam("channel", "push")
                .when().get("/sim/messages").then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void aFailingPushVendorIsRetriedWithBackoffAndNeverHoldsUpSms() {
        String permit = Events.newPermitNumber();
        String account = "acc-" + permit;
        String mobile = Events.newMobile();
        Events.publish(Topics.ACCOUNT_EVENTS, Events.event("/esscard/account-service",
                new AccountRegistered(account, permit, "SMITH JOHN-PAUL", "E31010000002", Events.now(), mobile)));
        Events.awaitConsumed(dataSource, Topics.ACCOUNT_EVENTS, account);
        given().baseUri(ProviderSimulatorTestResource.url()).contentType(ContentType.JSON).body(Map.of("failNext", 2, "status", 503))
                .when().put("/sim/script/channels/push").then().statusCode(200);
        double pushFailures = delivery("attempt_failures", "push");
        double pushSent = delivery("sent", "push");
        double smsSent = delivery("sent", "sms");
        double givenUp = delivery("given_up", "push");

        Events.publish(Topics.PERMIT_EVENTS, Events.event(PERMIT_SERVICE, new PermitCancelled(
                Events.permit(permit, PermitStatus.CANCELLED, VALID_UNTIL, 1), "Employment ended", Events.now())));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.support())
                .when().get("/api/notifications/support/permits/" + permit + "/deliveries")
                .then().statusCode(200)
                .body("find { it.channel == 'SMS' }.status", equalTo("SENT"))
                .body("find { it.channel == 'SMS' }.attempts", equalTo(1))
                .body("find { it.channel == 'SMS' }.address", equalTo(mobile.substring(0, mobile.length() - 8) + "****" + mobile.substring(mobile.length() - 4)))
                .body("find { it.channel == 'PUSH' }.status", equalTo("SENT"))
                .body("find { it.channel == 'PUSH' }.attempts", equalTo(3)));
        // two failed attempts of push, then both sent; nothing given up
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(delivery("attempt_failures", "push")).isEqualTo(pushFailures + 2);
            assertThat(delivery("sent", "push")).isEqualTo(pushSent + 1);
            assertThat(delivery("sent", "sms")).isEqualTo(smsSent + 1);
        });
        assertThat(delivery("given_up", "push")).isEqualTo(givenUp);
    }

    @Test
    void aPushVendorFailingEveryAttemptGivesTheDeliveryUp_countedForTheOperators() {
        String permit = Events.newPermitNumber();
        String account = "acc-" + permit;
        Events.publish(Topics.ACCOUNT_EVENTS, Events.event("/esscard/account-service",
                new AccountRegistered(account, permit, "SMITH JOHN-PAUL", "E31010000003", Events.now(), Events.newMobile())));
        Events.awaitConsumed(dataSource, Topics.ACCOUNT_EVENTS, account);
        // every attempt of push fails (%test esscard.notification.delivery.max-attempts=6)
        given().baseUri(ProviderSimulatorTestResource.url()).contentType(ContentType.JSON).body(Map.of("failNext", 6, "status", 503))
                .when().put("/sim/script/channels/push").then().statusCode(200);
        double pushFailures = delivery("attempt_failures", "push");
        double givenUp = delivery("given_up", "push");
        double smsGivenUp = delivery("given_up", "sms");

        Events.publish(Topics.PERMIT_EVENTS, Events.event(PERMIT_SERVICE, new PermitCancelled(
                Events.permit(permit, PermitStatus.CANCELLED, VALID_UNTIL, 1), "Employment ended", Events.now())));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.support())
                .when().get("/api/notifications/support/permits/" + permit + "/deliveries")
                .then().statusCode(200)
                .body("find { it.channel == 'PUSH' }.status", equalTo("FAILED"))
                .body("find { it.channel == 'PUSH' }.attempts", equalTo(6))
                .body("find { it.channel == 'SMS' }.status", equalTo("SENT")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(delivery("attempt_failures", "push")).isEqualTo(pushFailures + 6);
            assertThat(delivery("given_up", "push")).isEqualTo(givenUp + 1);
        });
        assertThat(delivery("given_up", "sms")).isEqualTo(smsGivenUp);
    }

    /** {@code esscard_delivery_<what>_total} of a channel, as the dashboard and docs/OPERATIONS.md read it. */
    private static double delivery(String what, String channel) {
        return Metrics.value("esscard_delivery_" + what + "_total", Map.of("channel", channel));
    }

    @Test
    void securityNoticesReachTheAccountHolder() {
        String permit = Events.newPermitNumber();
        String account = "acc-" + permit;
        Events.publish(Topics.ACCOUNT_EVENTS, Events.event("/esscard/account-service",
                new PasswordChanged(account, null, PasswordChanged.RESET, Events.now())));
        Events.publish(Topics.IDENTITY_EVENTS, Events.event("/esscard/identity-service", new VerificationLocked("s-1",
                VerificationPurpose.REGISTRATION, permit, VerificationMethod.FACE, 6,
                List.of(VerificationMethod.BANK_CARD, VerificationMethod.MOBILE), Events.now())));
        Events.awaitConsumed(dataSource, Topics.ACCOUNT_EVENTS, account);
        Events.awaitConsumed(dataSource, Topics.IDENTITY_EVENTS, permit);

        given().auth().oauth2(TestTokens.holder(account, permit)).header("Accept-Language", "en")
                .when().get("/api/notifications/inbox")
                .then().statusCode(200).body("total", equalTo(2))
                .body("items.kind", hasItems("PASSWORD_CHANGED", "FACE_LOCKED"))
                .body("items.find { it.kind == 'FACE_LOCKED' }.body", containsString("6 times"));
    }

    @Test
    void holdersMarkTheirOwnEntriesReadAndNoOneElses() {
        String permit = Events.newPermitNumber();
        for (int days : new int[] { 30, 7 }) {
            Events.publish(Topics.PERMIT_EVENTS, Events.event(PERMIT_SERVICE,
                    new PermitExpiring(Events.permit(permit, PermitStatus.ACTIVE, VALID_UNTIL, 0), days, days)));
        }
        Events.awaitConsumed(dataSource, Topics.PERMIT_EVENTS, permit);
        String holder = TestTokens.holder("acc-" + permit, permit);
        String entry = given().auth().oauth2(holder).when().get("/api/notifications/inbox")
                .then().body("unread", equalTo(2)).extract().path("items[0].id");

        given().auth().oauth2(TestTokens.holder("acc-stranger", Events.newPermitNumber()))
                .when().post("/api/notifications/inbox/" + entry + "/read")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(holder).when().post("/api/notifications/inbox/" + entry + "/read").then().statusCode(204);
        given().auth().oauth2(holder).when().get("/api/notifications/inbox")
                .then().body("unread", equalTo(1)).body("items[0].read", equalTo(true));
        given().auth().oauth2(holder).when().post("/api/notifications/inbox/read-all")
                .then().statusCode(200).body("updated", equalTo(1));
        given().auth().oauth2(holder).when().get("/api/notifications/inbox").then().body("unread", equalTo(0));
    }
}

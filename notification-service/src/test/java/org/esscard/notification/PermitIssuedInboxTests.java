package org.esscard.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.events.Topics;
import org.esscard.events.permit.PermitIssued;
import org.esscard.events.permit.PermitSnapshot;
import org.esscard.events.permit.PermitStatus;
import org.esscard.events.permit.TalentCategory;
import org.esscard.platform.testing.TestEvents;
import org.esscard.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** A PermitIssued event on the real broker becomes one entry in that holder's inbox, and only theirs. */
@QuarkusTest
class PermitIssuedInboxTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void permitIssuedAppearsInTheHoldersInboxInTheirLanguage() throws Exception {
        String permit = newPermitNumber();
        publish(issued(permit));

        String holder = TestTokens.holder("acc-" + permit, permit);
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(holder)
                .when().get("/api/notifications/inbox")
                .then().statusCode(200).body("total", equalTo(1)));

        given().auth().oauth2(holder).header("Accept-Language", "en")
                .when().get("/api/notifications/inbox")
                .then().statusCode(200)
                .body("unread", equalTo(1))
                .body("items[0].kind", equalTo("PERMIT_ISSUED"))
                .body("items[0].title", equalTo("Work permit " + permit + " is on record"))
                .body("items[0].body", containsString("talent category B"))
                .body("items[0].body", containsString("2027-06-30"))
                .body("items[0].read", equalTo(false));
        given().auth().oauth2(holder).header("Accept-Language", "zh-CN")
                .when().get("/api/notifications/inbox")
                .then().statusCode(200)
                .body("items[0].title", equalTo("工作许可 " + permit + " 已登记"))
                .body("items[0].body", containsString("人才类别 B"));
    }

    @Test
    void theSameEventDeliveredTwiceMakesOneEntry() throws Exception {
        String permit = newPermitNumber();
        CloudEvent event = issued(permit);
        publish(event);
        publish(event);
        String marker = newPermitNumber();
        publish(permit, issued(marker));

        // the marker travels under the same key, so on the same partition after both copies: once it is in,
        // both copies were handled
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(TestTokens.support())
                .when().get("/api/notifications/support/permits/" + marker + "/inbox")
                .then().statusCode(200).body("total", equalTo(1)));
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(TestTokens.support())
                .when().get("/api/notifications/support/permits/" + permit + "/inbox")
                .then().statusCode(200).body("total", equalTo(1)));
    }

    @Test
    void holderANeverSeesHolderBsEntries() throws Exception {
        String permitA = newPermitNumber();
        String permitB = newPermitNumber();
        publish(issued(permitB));
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(TestTokens.holder("acc-b", permitB))
                .when().get("/api/notifications/inbox")
                .then().statusCode(200).body("total", equalTo(1)));

        given().auth().oauth2(TestTokens.holder("acc-a", permitA))
                .when().get("/api/notifications/inbox")
                .then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(TestTokens.holder("acc-a", permitA))
                .when().get("/api/notifications/support/permits/" + permitB + "/inbox")
                .then().statusCode(403).contentType("application/problem+json");
        given().when().get("/api/notifications/inbox")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void badPagingIsAClientError() {
        given().auth().oauth2(TestTokens.holder("acc-x", "W000000001"))
                .when().get("/api/notifications/inbox?size=1000")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("VALIDATION_FAILED"));
    }

    private static CloudEvent issued(String permit) {
        PermitSnapshot snapshot = new PermitSnapshot(permit, "SMITH JOHN-PAUL", "533380006", "GBR", "Example Co.",
                "Engineer", "Shanghai", TalentCategory.B, LocalDate.of(2025, 7, 1), LocalDate.of(2027, 6, 30),
                PermitStatus.ACTIVE, 0);
        return CloudEvent.of("/esscard/permit-service", new PermitIssued(snapshot), EventJson.mapper(), Clock.systemUTC());
    }

    private static void publish(CloudEvent event) throws Exception {
        publish(event.subject(), event);
    }

    private static void publish(String key, CloudEvent event) throws Exception {
        // as the outbox relay sends them
        TestEvents.publish(Topics.PERMIT_EVENTS, key, EventJson.write(event));
    }

    private static String newPermitNumber() {
        return "N" + UUID.randomUUID().toString().replace("-", "").substring(0, 15).toUpperCase();
    }
}

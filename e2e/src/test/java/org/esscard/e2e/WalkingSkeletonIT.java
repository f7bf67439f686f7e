package org.esscard.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.esscard.platform.testing.QuarkusAppProcess;
import org.esscard.platform.testing.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/**
 * The walking skeleton across processes: a permit-authority token from account-service, a permit issued at
 * permit-service, PermitIssued through the outbox and the real broker, an inbox entry at notification-service.
 */
class WalkingSkeletonIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static RunningSuite suite;

    @BeforeAll
    static void suite() {
        suite = RunningSuite.get();
    }

    @Test
    void issuedPermitReachesTheHoldersInboxThroughTheBroker() {
        String authority = suite.staffLogin("authority", "Authority#2026");
        String permitNumber = "W" + UUID.randomUUID().toString().replaceAll("\\D", "").substring(0, 12);

        given().auth().oauth2(authority).contentType(ContentType.JSON).body(Map.of(
                        "permitNumber", permitNumber,
                        "holderName", "SMITH JOHN-PAUL",
                        "passportNumber", "533380006",
                        "nationality", "GBR",
                        "talentCategory", "B",
                        "validUntil", "2027-06-30"))
                .when().post(suite.permit.url("/api/permits"))
                .then().statusCode(201).body("status", equalTo("ACTIVE"));

        String support = suite.staffLogin("support", "Support#2026");
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(support)
                .when().get(suite.notification.url("/api/notifications/support/permits/" + permitNumber + "/inbox"))
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].kind", equalTo("PERMIT_ISSUED")));

        given().auth().oauth2(TestTokens.holder("acc-skeleton", permitNumber)).header("Accept-Language", "zh-CN")
                .when().get(suite.notification.url("/api/notifications/inbox"))
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].title", equalTo("工作许可 " + permitNumber + " 已登记"));
    }

    @Test
    void malformedJsonToThePermitEndpointIs400ProblemJson() {
        given().auth().oauth2(suite.staffLogin("authority", "Authority#2026")).contentType(ContentType.JSON)
                .body("{\"permitNumber\": \"W1\",")
                .when().post(suite.permit.url("/api/permits"))
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("MALFORMED_JSON"));
    }

    @Test
    void tokensOfOtherIssuersAreRefusedEverywhere() {
        given().auth().oauth2(TestTokens.expired("permit-authority")).contentType(ContentType.JSON).body("{}")
                .when().post(suite.permit.url("/api/permits"))
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("not.a.token")
                .when().get(suite.notification.url("/api/notifications/inbox"))
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void everyServiceServesHealthApiDocumentationAndMetrics() {
        for (QuarkusAppProcess service : suite.services()) {
            // readiness is what requests need (the database, the revocation replay, the erasure ledger's replay); Kafka
            // has a group of its own
            given().when().get(service.url("/q/health/ready"))
                    .then().statusCode(200).body("status", equalTo("UP"))
                    .body("checks.name", hasItems("revocations", "erasure-ledger")).body("checks.name", not(hasItems("kafka")));
            given().when().get(service.url("/q/health/group/kafka"))
                    .then().statusCode(200).body("status", equalTo("UP")).body("checks.name", hasItems("kafka"));
            given().when().get(service.url("/q/health/live")).then().statusCode(200);
            given().when().get(service.url("/q/health/started")).then().statusCode(200);
            given().when().get(service.url("/q/openapi?format=json")).then().statusCode(200)
                    .body("info.title", containsString(service.name()));
            given().when().get(service.url("/q/swagger-ui/")).then().statusCode(200);
            given().when().get(service.url("/q/metrics")).then().statusCode(200)
                    .body(containsString("jvm_memory_used_bytes"));
            given().accept("text/html").when().get(service.url("/api/does-not-exist"))
                    .then().statusCode(404).contentType("application/problem+json");
        }
    }
}

package org.esscard.permit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.events.Topics;
import org.esscard.events.permit.PermitIssued;
import org.esscard.events.permit.PermitStatus;
import org.esscard.events.permit.TalentCategory;
import org.esscard.platform.testing.TestTokens;
import org.esscard.platform.testing.TopicReader;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The permit authority issues a permit; it is recorded and announced as PermitIssued on permit-events. */
@QuarkusTest
class PermitIssueTests {

    private static final String HOLDER_NAME = "SMITH JOHN-PAUL";
    private static final String PASSPORT = "533380006";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Test
    void authorityIssuesPermitAndPermitIssuedIsPublished() throws Exception {
        String number = newPermitNumber();

        given().auth().oauth2(TestTokens.permitAuthority()).contentType(ContentType.JSON).body(permit(number))
                .when().post("/api/permits")
                .then().statusCode(201)
                .header("Location", endsWith("/api/permits/" + number))
                .body("status", equalTo("ACTIVE"))
                .body("holderName", equalTo(HOLDER_NAME))
                .body("talentCategory", equalTo("B"));

        List<ConsumerRecord<String, String>> records = TopicReader.readUntil(Topics.PERMIT_EVENTS,
                r -> r.stream().anyMatch(rec -> number.equals(rec.key())), Duration.ofSeconds(30));
        ConsumerRecord<String, String> record = records.stream().filter(r -> number.equals(r.key())).findFirst().orElseThrow();
        CloudEvent event = EventJson.mapper().readValue(record.value(), CloudEvent.class);
        assertThat(event.type()).isEqualTo(PermitIssued.TYPE);
        assertThat(event.subject()).isEqualTo(number);
        assertThat(event.source()).isEqualTo("/esscard/permit-service");
        PermitIssued issued = event.dataAs(PermitIssued.class, EventJson.mapper());
        assertThat(issued.permit().holderName()).isEqualTo(HOLDER_NAME);
        assertThat(issued.permit().passportNumber()).isEqualTo(PASSPORT);
        assertThat(issued.permit().talentCategory()).isEqualTo(TalentCategory.B);
        assertThat(issued.permit().status()).isEqualTo(PermitStatus.ACTIVE);
        assertThat(issued.permit().validUntil()).isEqualTo(LocalDate.of(2027, 6, 30));
    }

    @Test
    void holderNameIsKeptExactlyWithSymbolsAndSpaces() {
        String number = newPermitNumber();
        Map<String, Object> body = permit(number);
        body.put("holderName", "  O'NEIL-ÅSTRÖM  MARÍA ");

        given().auth().oauth2(TestTokens.permitAuthority()).contentType(ContentType.JSON).body(body)
                .when().post("/api/permits").then().statusCode(201);

        given().auth().oauth2(TestTokens.permitAuthority()).when().get("/api/permits/" + number)
                .then().statusCode(200).body("holderName", equalTo("  O'NEIL-ÅSTRÖM  MARÍA "));
    }

    @Test
    void samePermitNumberTwiceIsAConflict() {
        String number = newPermitNumber();
        given().auth().oauth2(TestTokens.permitAuthority()).contentType(ContentType.JSON).body(permit(number))
                .when().post("/api/permits").then().statusCode(201);

        given().auth().oauth2(TestTokens.permitAuthority()).contentType(ContentType.JSON).body(permit(number))
                .when().post("/api/permits")
                .then().statusCode(409).contentType("application/problem+json").body("code", equalTo("PERMIT_EXISTS"));
    }

    @Test
    void malformedJsonIs400Problem() {
        given().auth().oauth2(TestTokens.permitAuthority()).contentType(ContentType.JSON).body("{\"permitNumber\": ")
                .when().post("/api/permits")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("MALFORMED_JSON"));
    }

    @Test
    void invalidFieldsAreNamedAndNothingIsWritten() {
        String number = newPermitNumber();
        Map<String, Object> body = permit(number);
        body.remove("holderName");
        body.put("nationality", "united kingdom");

        given().auth().oauth2(TestTokens.permitAuthority()).contentType(ContentType.JSON).body(body)
                .when().post("/api/permits")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItems("holderName", "nationality"));
        given().auth().oauth2(TestTokens.permitAuthority()).when().get("/api/permits/" + number)
                .then().statusCode(404).body("code", equalTo("PERMIT_NOT_FOUND"));
    }

    @Test
    void unknownCategoryAndBadNumberAndValidityAreClientErrors() {
        Map<String, Object> badCategory = permit(newPermitNumber());
        badCategory.put("talentCategory", "D");
        given().auth().oauth2(TestTokens.permitAuthority()).contentType(ContentType.JSON).body(badCategory)
                .when().post("/api/permits")
                .then().statusCode(400).body("code", equalTo("MALFORMED_JSON")).body("errors.field", hasItems("talentCategory"));

        given().auth().oauth2(TestTokens.permitAuthority()).contentType(ContentType.JSON).body(permit("w-123"))
                .when().post("/api/permits")
                .then().statusCode(400).body("code", equalTo("PERMIT_NUMBER_FORMAT"));

        Map<String, Object> backwards = permit(newPermitNumber());
        backwards.put("validUntil", "2020-01-01");
        given().auth().oauth2(TestTokens.permitAuthority()).contentType(ContentType.JSON).body(backwards)
                .when().post("/api/permits")
                .then().statusCode(400).body("code", equalTo("PERMIT_VALIDITY"));
    }

    @Test
    void onlyThePermitAuthorityIssues() {
        String number = newPermitNumber();
        given().contentType(ContentType.JSON).body(permit(number))
                .when().post("/api/permits")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
        given().auth().oauth2(TestTokens.holder("acc-1", number)).contentType(ContentType.JSON).body(permit(number))
                .when().post("/api/permits")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(TestTokens.expired("permit-authority")).contentType(ContentType.JSON).body(permit(number))
                .when().post("/api/permits")
                .then().statusCode(401);
    }

    static String newPermitNumber() {
        return "W" + (System.currentTimeMillis() % 10_000_000_000L) + String.format("%04d", SEQUENCE.incrementAndGet());
    }

    static Map<String, Object> permit(String number) {
        Map<String, Object> body = new HashMap<>();
        body.put("permitNumber", number);
        body.put("holderName", HOLDER_NAME);
        body.put("passportNumber", PASSPORT);
        body.put("nationality", "GBR");
        body.put("employer", "Shanghai Example Technology Co., Ltd.");
        body.put("position", "Software Engineer");
        body.put("workCity", "Shanghai");
        body.put("talentCategory", "B");
        body.put("issueDate", "2025-07-01");
        body.put("validUntil", "2027-06-30");
        return body;
    }
}

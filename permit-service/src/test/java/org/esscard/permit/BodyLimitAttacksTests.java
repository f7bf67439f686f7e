package org.esscard.permit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import org.esscard.permit.support.Permits;
import org.esscard.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Only the import takes a large body; every other route refuses one in our words, and import lines have a maximum. */
@QuarkusTest
class BodyLimitAttacksTests {

    private static final int ONE_MIB = 1024 * 1024;

    @Test
    void A11_oversizedBodies() {
        // a 1 MiB permit to the single-issue route: 413 before anything is parsed, and no permit
        String number = Permits.newNumber();
        Map<String, Object> permit = Permits.body(number, "B", LocalDate.now().plusYears(1));
        permit.put("holderName", "X".repeat(ONE_MIB));
        given().auth().oauth2(TestTokens.permitAuthority()).header("Accept-Language", "en").contentType(ContentType.JSON).body(permit)
                .when().post("/api/permits")
                .then().statusCode(413).contentType("application/problem+json")
                .body("code", equalTo("PAYLOAD_TOO_LARGE"))
                .body("detail", equalTo("The request is too large: this address accepts at most 64 KiB."));
        given().auth().oauth2(TestTokens.permitAuthority()).when().get("/api/permits/" + number)
                .then().statusCode(404);

        // within the size, past the JSON parser's nesting limit (in a field the request ignores, so the parser reads it all): our code, not Jackson's StreamReadConstraints text
        String deep = "{\"extra\":" + "[".repeat(1_200) + "]".repeat(1_200) + "}";
        given().auth().oauth2(TestTokens.permitAuthority()).header("Accept-Language", "zh-CN").contentType(ContentType.JSON).body(deep)
                .when().post("/api/permits")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INPUT_LIMIT_EXCEEDED"))
                .body(not(containsString("StreamReadConstraints")));

        // the import takes more than 64 KiB, but refuses its over-long line by number, unread
        String good1 = Permits.newNumber();
        String good2 = Permits.newNumber();
        String longLine = line(Permits.newNumber(), "X".repeat(ONE_MIB));
        String body = String.join("\n", line(good1, Permits.HOLDER_NAME), longLine, line(good2, Permits.HOLDER_NAME)) + "\n";
        JsonPath job = runImport(body);
        assertThat(job.getLong("succeeded")).isEqualTo(2);
        assertThat(job.getList("errors.line", Integer.class)).containsExactly(2);
        assertThat(job.getString("errors[0].reason")).isEqualTo("line longer than 8192 characters; not read");
    }

    private static JsonPath runImport(String body) {
        String location = given().auth().oauth2(TestTokens.permitAuthority()).contentType("application/x-ndjson; charset=UTF-8")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/permits/imports")
                .then().statusCode(202).extract().header("Location");
        String path = location.substring(location.indexOf("/api/"));
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250)).until(() -> given()
                .auth().oauth2(TestTokens.permitAuthority()).when().get(path).then().extract().path("status"), s -> !"RUNNING".equals(s));
        return given().auth().oauth2(TestTokens.permitAuthority()).when().get(path)
                .then().statusCode(200).body("status", equalTo("COMPLETED")).extract().jsonPath();
    }

    private static String line(String number, String holderName) {
        return "{\"permitNumber\":\"" + number + "\",\"holderName\":\"" + holderName + "\",\"passportNumber\":\"E12345678\","
                + "\"nationality\":\"IRL\",\"talentCategory\":\"B\",\"issueDate\":\"2025-01-01\",\"validUntil\":\"2027-12-31\"}";
    }
}

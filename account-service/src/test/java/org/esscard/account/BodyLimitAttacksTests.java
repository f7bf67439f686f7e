package org.esscard.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.esscard.platform.testing.RawHttp;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** Oversized requests to account-service answer our own problem+json, never a library's text or a bare status. */
@QuarkusTest
class BodyLimitAttacksTests {

    private static final int ONE_MIB = 1024 * 1024;
    private static final String REGISTRATIONS = "/api/accounts/registrations";

    @Test
    void A11_oversizedBodies() {
        String name = "X".repeat(ONE_MIB);
        String body = "{\"name\":\"" + name + "\",\"permitNumber\":\"A11-1\",\"password\":\"Secret#2026x\"}";

        // with a length: refused before a byte of it is read
        given().header("Accept-Language", "zh-CN").contentType(ContentType.JSON).body(body)
                .when().post(REGISTRATIONS)
                .then().statusCode(413).contentType("application/problem+json")
                .body("code", equalTo("PAYLOAD_TOO_LARGE"))
                .body("detail", containsString("64 KiB"));

        // chunked, no length: refused once 64 KiB have arrived
        RawHttp.Answer chunked = RawHttp.send(null, RestAssured.port, "POST", REGISTRATIONS,
                Map.of("Content-Type", "application/json", "Accept-Language", "en"), body.getBytes(StandardCharsets.UTF_8), true);
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.header("Content-Type")).startsWith("application/problem+json");
        assertThat(chunked.body()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"");

        // within the size, past Jackson's nesting limit (in a field the request ignores, so the parser reads it all): our code and message, not StreamReadConstraints' text
        String deep = "{\"extra\":" + "[".repeat(1_200) + "]".repeat(1_200) + "}";
        given().header("Accept-Language", "en").contentType(ContentType.JSON).body(deep)
                .when().post(REGISTRATIONS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INPUT_LIMIT_EXCEEDED"))
                .body(not(containsString("StreamReadConstraints")));
        String longNumber = "{\"extra\":" + "1".repeat(2_000) + "}";
        given().header("Accept-Language", "en").contentType(ContentType.JSON).body(longNumber)
                .when().post(REGISTRATIONS)
                .then().statusCode(400)
                .body("code", equalTo("INPUT_LIMIT_EXCEEDED"))
                .body(not(containsString("StreamReadConstraints")));
    }
}

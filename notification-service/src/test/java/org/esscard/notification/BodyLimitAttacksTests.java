package org.esscard.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.esscard.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** An oversized request to notification-service answers our own problem+json, and changes nothing. */
@QuarkusTest
class BodyLimitAttacksTests {

    private static final int ONE_MIB = 1024 * 1024;

    @Test
    void A11_oversizedBodies() {
        given().auth().oauth2(TestTokens.holder("acc-a11", "W00000000000011")).header("Accept-Language", "en")
                .contentType(ContentType.JSON).body("{\"x\":\"" + "X".repeat(ONE_MIB) + "\"}")
                .when().post("/api/notifications/inbox/read-all")
                .then().statusCode(413).contentType("application/problem+json")
                .body("code", equalTo("PAYLOAD_TOO_LARGE"))
                .body("detail", equalTo("The request is too large: this address accepts at most 64 KiB."));
    }
}

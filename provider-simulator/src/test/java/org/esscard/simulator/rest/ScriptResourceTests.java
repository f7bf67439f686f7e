package org.esscard.simulator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import java.util.Map;

import org.esscard.problem.Problem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class ScriptResourceTests {

    private static final String DEFAULT_MOBILE = "+8613800138000";
    private static final String DEFAULT_ACCOUNT_ID = "5f0c8a52-3c1e-4d7a-9b6e-2f4d8c1a7e90";
    private static final int DEFAULT_FAILURES = 3;

    @BeforeEach
    void clean() {
        given().delete("/sim/messages").then().statusCode(204);
        given().delete("/sim/script").then().statusCode(204);
    }

    @Test
    void scriptedChannelFailsNTimesThenAccepts() {
        script("sms", Map.of("failNext", DEFAULT_FAILURES, "status", 503))
                .statusCode(200)
                .body("channel", is("sms"))
                .body("failNext", is(DEFAULT_FAILURES))
                .body("status", is(503));

        for (int i = 0; i < DEFAULT_FAILURES; i++) {
            sendSms().statusCode(503)
                    .contentType(Problem.MEDIA_TYPE)
                    .body("status", is(503))
                    .body("code", is("SCRIPTED_FAILURE"));
        }
        sendSms().statusCode(202);

        given().get("/sim/messages").then().statusCode(200).body("size()", is(1));
        given().get("/sim/script").then().statusCode(200).body("size()", is(0));
    }

    @Test
    void scriptTouchesOnlyItsChannel() {
        script("push", Map.of("failNext", 1, "status", 429)).statusCode(200);

        sendSms().statusCode(202);
        sendPush().statusCode(429).contentType(Problem.MEDIA_TYPE).body("code", is("SCRIPTED_FAILURE"));
        sendPush().statusCode(202);
    }

    @Test
    void statusDefaultsTo503AndPendingScriptsAreListed() {
        script("push", Map.of("failNext", 2)).statusCode(200).body("status", is(503));

        sendPush().statusCode(503);

        given().get("/sim/script").then().statusCode(200)
                .body("size()", is(1))
                .body("[0].channel", is("push"))
                .body("[0].failNext", is(1));
    }

    @Test
    void resetRemovesEveryScript() {
        script("sms", Map.of("failNext", 5)).statusCode(200);
        script("push", Map.of("failNext", 5)).statusCode(200);

        given().delete("/sim/script").then().statusCode(204);

        sendSms().statusCode(202);
        sendPush().statusCode(202);
    }

    @Test
    void zeroRemovesTheChannelsScript() {
        script("sms", Map.of("failNext", 5)).statusCode(200);

        script("sms", Map.of("failNext", 0)).statusCode(200);

        sendSms().statusCode(202);
    }

    @Test
    void unknownChannelIsNotFound() {
        script("fax", Map.of("failNext", 1))
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("code", is("UNKNOWN_CHANNEL"));
    }

    @Test
    void statusOutsideErrorsIsABadRequest() {
        script("sms", Map.of("failNext", 1, "status", 200))
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("code", is("VALIDATION_FAILED"))
                .body("errors[0].field", is("status"));
    }

    private static ValidatableResponse script(String channel, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .put("/sim/script/channels/{channel}", channel)
                .then();
    }

    private static ValidatableResponse sendSms() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("to", DEFAULT_MOBILE, "text", "code 123456", "sender", "identity-service"))
                .post("/sim/sms/messages")
                .then();
    }

    private static ValidatableResponse sendPush() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("to", DEFAULT_ACCOUNT_ID, "title", "Reminder", "body", "Your permit expires soon."))
                .post("/sim/push/messages")
                .then();
    }
}

package org.esscard.simulator.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.esscard.problem.Problem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class MessagingResourceTests {

    private static final String DEFAULT_MOBILE = "+8613800138000";
    private static final String OTHER_MOBILE = "+8613900139000";
    private static final String DEFAULT_TEXT = "Your eSSCard verification code is 428731. It expires in 5 minutes.";
    private static final String DEFAULT_SENDER = "identity-service";
    private static final String DEFAULT_ACCOUNT_ID = "5f0c8a52-3c1e-4d7a-9b6e-2f4d8c1a7e90";
    private static final String DEFAULT_TITLE = "Work permit expiring";
    private static final String DEFAULT_BODY = "Your work permit W3101202400012345 expires in 30 days.";

    @BeforeEach
    void clean() {
        given().delete("/sim/messages").then().statusCode(204);
        given().delete("/sim/script").then().statusCode(204);
    }

    @Test
    void smsIsAcceptedAndListed() {
        Instant before = Instant.now();

        String messageId = sendSms(DEFAULT_MOBILE, DEFAULT_TEXT)
                .statusCode(202)
                .contentType(ContentType.JSON)
                .body("messageId", startsWith("sms-"))
                .body("acceptedAt", not(emptyString()))
                .extract().path("messageId");

        List<Map<String, Object>> messages = given().queryParam("to", DEFAULT_MOBILE)
                .get("/sim/messages")
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath().getList("$");
        assertThat(messages).hasSize(1);
        Map<String, Object> message = messages.get(0);
        assertThat(message).containsEntry("messageId", messageId)
                .containsEntry("channel", "sms")
                .containsEntry("to", DEFAULT_MOBILE)
                .containsEntry("text", DEFAULT_TEXT)
                .containsEntry("sender", DEFAULT_SENDER)
                .doesNotContainKeys("title", "body", "data");
        assertThat(Instant.parse((String) message.get("acceptedAt"))).isAfterOrEqualTo(before);
    }

    @Test
    void pushIsAcceptedAndListed() {
        given().contentType(ContentType.JSON)
                .body(Map.of("to", DEFAULT_ACCOUNT_ID, "title", DEFAULT_TITLE, "body", DEFAULT_BODY,
                        "data", Map.of("permitNumber", "W3101202400012345", "daysLeft", 30)))
                .post("/sim/push/messages")
                .then().statusCode(202)
                .body("messageId", startsWith("push-"));

        given().queryParam("channel", "push")
                .get("/sim/messages")
                .then().statusCode(200)
                .body("size()", is(1))
                .body("[0].channel", is("push"))
                .body("[0].to", is(DEFAULT_ACCOUNT_ID))
                .body("[0].title", is(DEFAULT_TITLE))
                .body("[0].body", is(DEFAULT_BODY))
                .body("[0].data.permitNumber", is("W3101202400012345"))
                .body("[0].data.daysLeft", is(30));
    }

    @Test
    void listIsFilteredByRecipientAndChannelAndKeepsArrivalOrder() {
        sendSms(DEFAULT_MOBILE, "first").statusCode(202);
        sendSms(OTHER_MOBILE, "to someone else").statusCode(202);
        sendSms(DEFAULT_MOBILE, "second").statusCode(202);
        given().contentType(ContentType.JSON).body(Map.of("to", DEFAULT_MOBILE, "body", "a push"))
                .post("/sim/push/messages").then().statusCode(202);

        assertThat(list(null, null, "to"))
                .containsExactly(DEFAULT_MOBILE, OTHER_MOBILE, DEFAULT_MOBILE, DEFAULT_MOBILE);
        assertThat(list(DEFAULT_MOBILE, "sms", "text")).containsExactly("first", "second");
        assertThat(list(DEFAULT_MOBILE, "PUSH", "body")).containsExactly("a push");
        given().queryParam("to", "+8610000000000").get("/sim/messages").then().statusCode(200).body("size()", is(0));
    }

    @Test
    void clearForgetsEveryMessage() {
        sendSms(DEFAULT_MOBILE, DEFAULT_TEXT).statusCode(202);
        sendSms(OTHER_MOBILE, DEFAULT_TEXT).statusCode(202);

        given().delete("/sim/messages").then().statusCode(204);

        given().get("/sim/messages").then().statusCode(200).body("size()", is(0));
    }

    @Test
    void unknownChannelFilterIsABadRequest() {
        given().queryParam("channel", "fax")
                .get("/sim/messages")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("code", is("VALIDATION_FAILED"))
                .body("errors[0].field", is("channel"));
    }

    private static List<String> list(String to, String channel, String field) {
        var request = given();
        if (to != null) {
            request.queryParam("to", to);
        }
        if (channel != null) {
            request.queryParam("channel", channel);
        }
        return request.get("/sim/messages").then().statusCode(200).extract().jsonPath().getList(field, String.class);
    }

    private static ValidatableResponse sendSms(String to, String text) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("to", to, "text", text, "sender", DEFAULT_SENDER))
                .post("/sim/sms/messages")
                .then();
    }
}

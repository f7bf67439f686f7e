package org.esscard.identity.support;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;

import org.esscard.identity.support.People.Person;
import org.esscard.platform.testing.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** The session API as account-service calls it, with its service token. */
public final class Sessions {

    public static final String BASE = "/api/identity/sessions";
    public static final String TICKET = "liveness-ticket-0f9e";
    private static final String SERVICE_TOKEN = TestTokens.staff("service");

    private Sessions() {
    }

    public static RequestSpecification asService() {
        return given().auth().oauth2(SERVICE_TOKEN);
    }

    public static ValidatableResponse open(Person person, String purpose) {
        return asService().contentType(ContentType.JSON)
                .body(Map.of("purpose", purpose, "permitNumber", person.permitNumber(), "name", person.name()))
                .when().post(BASE).then();
    }

    /** Opens a session and returns its id. */
    public static String openId(Person person, String purpose) {
        return open(person, purpose).statusCode(201).extract().path("sessionId");
    }

    public static ValidatableResponse get(String id) {
        return asService().when().get(BASE + "/" + id).then();
    }

    public static ValidatableResponse face(String id) {
        return asService().contentType(ContentType.JSON).body(Map.of("livenessTicket", TICKET))
                .when().post(BASE + "/" + id + "/face").then();
    }

    public static ValidatableResponse bankCard(String id, Person person, String card, String mobile) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", person.name());
        body.put("passportNumber", person.passportNumber());
        body.put("cardNumber", card);
        body.put("mobile", mobile);
        return bankCard(id, body);
    }

    public static ValidatableResponse bankCard(String id, Map<String, Object> body) {
        return asService().contentType(ContentType.JSON).body(body).when().post(BASE + "/" + id + "/bank-card").then();
    }

    public static ValidatableResponse mobile(String id, String mobile) {
        return asService().contentType(ContentType.JSON).body(Map.of("mobile", mobile))
                .when().post(BASE + "/" + id + "/mobile").then();
    }

    public static ValidatableResponse code(String id, String code) {
        return asService().contentType(ContentType.JSON).body(Map.of("code", code))
                .when().post(BASE + "/" + id + "/sms-code").then();
    }

    public static ValidatableResponse resend(String id) {
        return asService().when().post(BASE + "/" + id + "/sms-code/resend").then();
    }

    /** Closes face for {@code person}: six failures in a row through {@code id}. */
    public static void closeFace(Person person, String id) {
        Simulator.face(person.permitNumber(), Map.of("outcome", "FAIL"));
        for (int i = 0; i < 5; i++) {
            face(id).statusCode(422);
        }
        face(id).statusCode(423);
    }

    /** A code that is not {@code code}. */
    public static String wrong(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }
}

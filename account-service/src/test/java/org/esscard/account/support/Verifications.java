package org.esscard.account.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.util.HashMap;
import java.util.Map;

import org.esscard.platform.testing.ProviderSimulatorTestResource;
import org.esscard.platform.testing.SimulatorClient;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The holder's app in identity verification: before login through account-service's relay
 * ({@code /api/accounts/verifications/...}), after login straight at identity-service with its own token; and the
 * provider simulator as the tests script it and read the SMS a person received.
 */
public final class Verifications {

    public static final String TICKET = "liveness-ticket-7c1d";
    /** The passport number of every test permit ({@link Events#permit}). */
    public static final String PASSPORT = "533380006";

    private Verifications() {
    }

    public static ValidatableResponse face(String sessionId) {
        return Holders.from(Holders.newAddress()).body(Map.of("livenessTicket", TICKET))
                .when().post("/api/accounts/verifications/{id}/face", sessionId).then();
    }

    public static ValidatableResponse mobile(String sessionId, String mobile) {
        return Holders.from(Holders.newAddress()).body(Map.of("mobile", mobile))
                .when().post("/api/accounts/verifications/{id}/mobile", sessionId).then();
    }

    public static ValidatableResponse bankCard(String sessionId, String name, String card, String mobile) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("passportNumber", PASSPORT);
        body.put("cardNumber", card);
        body.put("mobile", mobile);
        return Holders.from(Holders.newAddress()).body(body)
                .when().post("/api/accounts/verifications/{id}/bank-card", sessionId).then();
    }

    public static ValidatableResponse code(String sessionId, String code) {
        return Holders.from(Holders.newAddress()).body(Map.of("code", code))
                .when().post("/api/accounts/verifications/{id}/sms-code", sessionId).then();
    }

    /** The app of a logged-in holder, at identity-service itself with the token account-service gave it. */
    public static ValidatableResponse faceAtIdentity(String sessionId, String holderToken) {
        return given().baseUri(IdentityServiceTestResource.url()).auth().oauth2(holderToken).contentType(ContentType.JSON)
                .body(Map.of("livenessTicket", TICKET))
                .when().post("/api/identity/sessions/{id}/face", sessionId).then();
    }

    /** Face comparisons of {@code permitNumber}'s holder answer as scripted, e.g. {@code {"outcome": "FAIL"}}. */
    public static void scriptFace(String permitNumber, Map<String, Object> script) {
        new SimulatorClient(ProviderSimulatorTestResource.url()).scriptFace(permitNumber, script);
    }

    /** The code in the last SMS {@code mobile} received, read as a person reads their phone. */
    public static String lastCode(String mobile) {
        return new SimulatorClient(ProviderSimulatorTestResource.url()).awaitSmsCode(mobile);
    }

    public static String newMobile() {
        return SimulatorClient.newMobile();
    }

    /** A 19-digit UnionPay card number (prefix 62) with a valid Luhn check digit. */
    public static String newCard() {
        return SimulatorClient.newUnionPayCard();
    }
}

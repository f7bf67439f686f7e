package org.esscard.account.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.esscard.platform.testing.ProviderSimulatorTestResource;

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
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

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
        given().baseUri(ProviderSimulatorTestResource.url()).contentType(ContentType.JSON).body(script)
                .when().put("/sim/script/face/{id}", permitNumber).then().statusCode(200);
    }

    /** The code in the last SMS {@code mobile} received, read as a person reads their phone. */
    public static String lastCode(String mobile) {
        List<String> received = await().atMost(Duration.ofSeconds(10)).until(() -> given().baseUri(ProviderSimulatorTestResource.url())
                .queryParam("to", mobile).queryParam("channel", "sms").when().get("/sim/messages")
                .then().statusCode(200).extract().jsonPath().getList("text", String.class), texts -> !texts.isEmpty());
        Matcher matcher = CODE.matcher(received.get(received.size() - 1));
        if (!matcher.find()) {
            throw new AssertionError("no 6-digit code in the SMS to " + mobile);
        }
        return matcher.group(1);
    }

    public static String newMobile() {
        return "+86139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** A 19-digit UnionPay card number (prefix 62) with a valid Luhn check digit. */
    public static String newCard() {
        StringBuilder digits = new StringBuilder("62");
        while (digits.length() < 18) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        int sum = 0;
        boolean doubled = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            doubled = !doubled;
        }
        return digits.append((10 - sum % 10) % 10).toString();
    }
}

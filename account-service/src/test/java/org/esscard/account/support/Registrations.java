package org.esscard.account.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** Registration as the app goes through it: the form, facial recognition through the relay, the account becoming ACTIVE. */
public final class Registrations {

    private Registrations() {
    }

    /** The registration token of each registration these tests sent, by account: what reading its status needs. */
    private static final Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A registration waiting for identity verification: its account, its session per purpose, its registration token. */
    public record Registered(String accountId, String permitNumber, Map<String, String> sessions, String registrationToken) {

        public String session(String purpose) {
            return sessions.get(purpose);
        }
    }

    /**
     * Sends the form and expects 202. identity-service learns permits from the same events as account-service,
     * possibly a moment later; until then the answer is 503 IDENTITY_UNAVAILABLE, and the app tries again.
     */
    public static Registered register(String name, String permit, String password, String socialSecurityNumber) {
        Map<String, Object> form = new HashMap<>();
        form.put("name", name);
        form.put("permitNumber", permit);
        form.put("password", password);
        if (socialSecurityNumber != null) {
            form.put("socialSecurityNumber", socialSecurityNumber);
        }
        ExtractableResponse<Response> answer = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> Holders.from(Holders.newAddress()).body(form).when().post("/api/accounts/registrations").then().extract(),
                        r -> r.statusCode() != 503);
        if (answer.statusCode() != 202) {
            throw new AssertionError("registration answered " + answer.statusCode() + ": " + answer.asString());
        }
        Map<String, String> sessions = new HashMap<>();
        List<Map<String, Object>> verifications = answer.path("verifications");
        for (Map<String, Object> v : verifications) {
            sessions.put((String) v.get("purpose"), (String) v.get("sessionId"));
        }
        String token = answer.path("registrationToken");
        if (token != null) {
            TOKENS.put(answer.path("accountId"), token);
        }
        return new Registered(answer.path("accountId"), permit, sessions, token);
    }

    public static String status(String accountId) {
        return given().header("X-Registration-Token", TOKENS.getOrDefault(accountId, "none"))
                .when().get("/api/accounts/registrations/{id}", accountId).then().statusCode(200).extract().path("status");
    }

    public static void awaitActive(String accountId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> "ACTIVE".equals(status(accountId)));
    }

    /** A holder registered the way the guide describes: form, face, card issued. */
    public static Holders.Holder registeredHolder(DataSource dataSource, String password) {
        String permit = Holders.permit(dataSource, Holders.NAME);
        Registered registered = register(Holders.NAME, permit, password, null);
        Verifications.face(registered.session("REGISTRATION")).statusCode(200);
        awaitActive(registered.accountId());
        return new Holders.Holder(registered.accountId(), permit, null);
    }
}

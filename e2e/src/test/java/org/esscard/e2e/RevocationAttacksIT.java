package org.esscard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.response.ValidatableResponse;

/**
 * Tokens of an ended login across the running suite (issue 13, item 8): after logout, a password change, a password
 * reset and a PIN lock, the access and step-up tokens issued before answer 401 TOKEN_REVOKED at account-, identity-,
 * permit- and notification-service, and still do at a permit-service restarted afterwards. Also measures the time
 * from a logout to the first 401 at permit-service.
 */
class RevocationAttacksIT {

    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final String NAME = "SMITH JOHN-PAUL";
    private static final String PASSWORD = "Revoke#2026";
    private static final String CHANGED = "Changed#2027";
    private static final String RESET = "Renewed#2028";
    private static final String PIN = "258147";
    private static final String WRONG_PIN = "913572";
    private static final int LATENCY_TRIES = 30;

    private static RunningSuite suite;
    private static Authority authority;

    @BeforeAll
    static void suite() {
        suite = RunningSuite.get();
        authority = new Authority(suite);
    }

    /** A request that authenticates at each service, and answers anything but 401 while the token is valid. */
    private List<ValidatableResponse> everyService(HolderApp app, String token) {
        return List.of(
                app.withToken(token).when().get(suite.account.url("/api/accounts/me")).then(),
                app.withToken(token).when().get(suite.identity.url("/api/identity/sessions/{id}"), UUID.randomUUID().toString()).then(),
                app.withToken(token).when().get(suite.permit.url("/api/permits/mine")).then(),
                app.withToken(token).when().get(suite.notification.url("/api/notifications/inbox")).then());
    }

    private void assertAccepted(HolderApp app, String token) {
        for (ValidatableResponse response : everyService(app, token)) {
            assertThat(response.extract().statusCode()).as(response.extract().body().asString()).isNotEqualTo(401);
        }
    }

    private void awaitRevokedEverywhere(HolderApp app, String... tokens) {
        await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            for (String token : tokens) {
                for (ValidatableResponse response : everyService(app, token)) {
                    response.statusCode(401).contentType("application/problem+json").body("code", equalTo("TOKEN_REVOKED"));
                }
            }
        });
    }

    /** Logs in again and steps up: the app's access and step-up tokens of a new login. */
    private static void newLogin(HolderApp app) {
        app.login().statusCode(200);
        app.enterPin(PIN).statusCode(200);
    }

    @Test
    void A8_tokenAfterLogoutOrReset() {
        String permit = authority.issue(NAME);
        HolderApp app = eventually(() -> new HolderApp(suite, NAME, permit, PASSWORD, "en").registeredAndLoggedIn());
        app.setPin(PIN).statusCode(204);
        app.enterPin(PIN).statusCode(200);
        app.permitService("").statusCode(200);
        assertAccepted(app, app.accessToken);
        assertAccepted(app, app.stepUpToken);

        // 1. logout
        String[] loggedOut = { app.accessToken, app.stepUpToken };
        app.request().body(Map.of("refresh_token", app.refreshToken)).when().post(suite.account.url("/api/accounts/logout"))
                .then().statusCode(204);
        awaitRevokedEverywhere(app, loggedOut);

        // 2. password change
        newLogin(app);
        String[] changed = { app.accessToken, app.stepUpToken };
        app.withToken(app.accessToken).body(Map.of("currentPassword", PASSWORD, "newPassword", CHANGED))
                .when().put(suite.account.url("/api/accounts/password")).then().statusCode(204);
        app.password = CHANGED;
        awaitRevokedEverywhere(app, changed);

        // 3. password reset through face (R14)
        newLogin(app);
        String[] reset = { app.accessToken, app.stepUpToken };
        String session = app.request().body(Map.of("name", NAME, "permitNumber", permit))
                .when().post(suite.account.url("/api/accounts/password-resets")).then().statusCode(201).extract().path("sessionId");
        app.face(session).statusCode(200).body("status", equalTo("VERIFIED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> app.request().body(Map.of("newPassword", RESET))
                .when().put(suite.account.url("/api/accounts/password-resets/{id}"), session).then().extract().statusCode() == 204);
        app.password = RESET;
        awaitRevokedEverywhere(app, reset);

        // 4. PIN locked by five wrong PINs
        newLogin(app);
        String[] locked = { app.accessToken, app.stepUpToken };
        for (int i = 0; i < 5; i++) {
            app.withToken(app.accessToken).body(Map.of("pin", WRONG_PIN)).when().post(suite.account.url("/api/accounts/pin/verification"));
        }
        awaitRevokedEverywhere(app, locked);

        // a permit-service started after all this refuses them too: it replays the revocations before it is ready
        suite.permit.stop();
        suite.permit.start(Duration.ofSeconds(120));
        for (String token : List.of(loggedOut[0], loggedOut[1], changed[1], reset[1], locked[1])) {
            app.withToken(token).when().get(suite.permit.url("/api/permits/mine")).then()
                    .statusCode(401).body("code", equalTo("TOKEN_REVOKED"));
        }
        // and a new login still works there
        app.login().statusCode(200);
        app.withToken(app.accessToken).when().get(suite.notification.url("/api/notifications/inbox")).then().statusCode(200);
    }

    @Test
    void logoutReachesPermitServiceWithinFiveSecondsAtP99() {
        String permit = authority.issue(NAME);
        HolderApp app = eventually(() -> new HolderApp(suite, NAME, permit, PASSWORD, "en").registeredAndLoggedIn());
        app.setPin(PIN).statusCode(204);
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < LATENCY_TRIES; i++) {
            newLogin(app);
            String stepUp = app.stepUpToken;
            app.permitService("").statusCode(200);
            app.request().body(Map.of("refresh_token", app.refreshToken)).when().post(suite.account.url("/api/accounts/logout"))
                    .then().statusCode(204);
            long loggedOut = System.nanoTime();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(10))
                    .until(() -> app.withToken(stepUp).when().get(suite.permit.url("/api/permits/mine")).then().extract().statusCode() == 401);
            latencies.add((System.nanoTime() - loggedOut) / 1_000_000);
        }
        latencies.sort(Long::compare);
        long p99 = latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1);
        System.out.printf("logout→401 at permit-service over %d tries: min %d ms, median %d ms, p99 %d ms, max %d ms%n",
                latencies.size(), latencies.get(0), latencies.get(latencies.size() / 2), p99, latencies.get(latencies.size() - 1));
        assertThat(p99).isLessThanOrEqualTo(BOUND.toMillis());
    }

    private static <T> T eventually(java.util.concurrent.Callable<T> step) {
        java.util.concurrent.atomic.AtomicReference<T> result = new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> result.set(step.call()));
        return result.get();
    }
}

package org.esscard.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.esscard.account.config.StaffConfig;
import org.esscard.account.service.staff.StaffService;
import org.esscard.account.support.Holders;
import org.esscard.platform.testing.Metrics;
import org.esscard.platform.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/** Attacks on staff accounts (issue 13): guessing a staff password from many addresses, staff removed from the configuration. */
@QuarkusTest
class StaffAttacksTests {

    private static final String AUTHORITY = "authority";
    private static final String AUTHORITY_PASSWORD = "Authority#2026";
    private static final String WRONG_PASSWORD = "Guess#0000";
    private static final int GUESSES = 60;
    private static final String TEMPORARY = "temp-officer";
    private static final String TEMPORARY_PASSWORD = "Temporary#2026";
    private static final String TEMPORARY_ENTRY = TEMPORARY + ":exit-entry-officer:" + TEMPORARY_PASSWORD;

    @Inject
    StaffService staff;

    @Inject
    StaffConfig config;

    @AfterEach
    void resetClock() {
        TestClock.CLOCK.reset();
    }

    @Test
    void A4_staffGuessing() {
        double wrong = failures("wrong_password");
        double locked = failures("locked");
        double lockouts = Metrics.value("esscard_login_lockouts_total", Map.of("kind", "staff"));
        for (int i = 0; i < GUESSES; i++) {
            // another address each time: the per-address throttle never sees more than one failure
            login(AUTHORITY, WRONG_PASSWORD, Holders.newAddress()).statusCode(401).body("code", equalTo("INVALID_CREDENTIALS"));
        }

        // the account itself is locked: even the right password is refused, from yet another address, and the answer
        // is the one a wrong password gets
        login(AUTHORITY, AUTHORITY_PASSWORD, Holders.newAddress()).statusCode(401).body("code", equalTo("INVALID_CREDENTIALS"));
        // what the operators see (docs/OPERATIONS.md): five checked and wrong, one lockout, the rest refused unchecked
        assertThat(failures("wrong_password")).isEqualTo(wrong + 5);
        assertThat(Metrics.value("esscard_login_lockouts_total", Map.of("kind", "staff"))).isEqualTo(lockouts + 1);
        assertThat(failures("locked")).isEqualTo(locked + GUESSES - 5 + 1);

        // the lockout lifts by itself (1 minute for the first streak), and the right password works again
        TestClock.CLOCK.advance(Duration.ofMinutes(1).plusSeconds(1));
        login(AUTHORITY, AUTHORITY_PASSWORD, Holders.newAddress()).statusCode(200);
    }

    @Test
    void A6_removedStaff() throws Throwable {
        List<String> configured = config.accounts().orElseThrow();
        List<String> withTemporary = new ArrayList<>(configured);
        withTemporary.add(TEMPORARY_ENTRY);
        staff.reconcile(withTemporary);
        String token = login(TEMPORARY, TEMPORARY_PASSWORD, Holders.newAddress()).statusCode(200).extract().path("access_token");
        me(token).statusCode(200).body("subject", equalTo("staff:" + TEMPORARY));

        // the next start has the account no more in the configuration
        staff.reconcile(configured);

        login(TEMPORARY, TEMPORARY_PASSWORD, Holders.newAddress()).statusCode(401).body("code", equalTo("INVALID_CREDENTIALS"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> me(token).statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("TOKEN_REVOKED")));

        // listed again: the account works again, with a new login (the old token stays revoked)
        staff.reconcile(withTemporary);
        String again = login(TEMPORARY, TEMPORARY_PASSWORD, Holders.newAddress()).statusCode(200).extract().path("access_token");
        me(again).statusCode(200);
        me(token).statusCode(401).body("code", equalTo("TOKEN_REVOKED"));
        staff.reconcile(configured);
    }

    private static double failures(String reason) {
        return Metrics.value("esscard_login_failures_total", Map.of("kind", "staff", "reason", reason));
    }

    private static ValidatableResponse login(String username, String password, String address) {
        return Holders.from(address).body(Map.of("username", username, "password", password))
                .when().post("/api/accounts/staff/login").then();
    }

    private static ValidatableResponse me(String token) {
        return given().auth().oauth2(token).when().get("/api/accounts/me").then();
    }
}

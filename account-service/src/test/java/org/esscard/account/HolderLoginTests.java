package org.esscard.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.esscard.account.support.Events;
import org.esscard.account.support.Holders.Holder;
import org.esscard.account.support.Holders;
import org.esscard.platform.testing.Metrics;
import org.esscard.platform.testing.TestClock;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/**
 * Holders' login (R11, R12) and its brute-force rules: a locked account answers exactly like a wrong password,
 * lockouts (per account and address) grow and lift by themselves, failures count per client address too.
 */
@QuarkusTest
class HolderLoginTests {

    private static final String WRONG_PASSWORD = "Wrong#2026";

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void resetClock() {
        TestClock.CLOCK.reset();
    }

    @Test
    void R11_holderLogsInWithWorkPermitNumberAndPassword() throws Exception {
        Holder holder = Holders.withPermit(dataSource);

        var login = Holders.login(holder.permitNumber(), Holders.PASSWORD, Holders.newAddress())
                .statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(900))
                .body("refresh_token", notNullValue())
                .body("refresh_expires_in", greaterThan(0))
                .extract();

        JwtClaims claims = claims(login.path("access_token"));
        assertThat(claims.getSubject()).isEqualTo(holder.accountId());
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("holder");
        assertThat(claims.getStringClaimValue("permit")).isEqualTo(holder.permitNumber());
        assertThat(claims.getStringListClaimValue("amr")).containsExactly("pwd");
        assertThat(claims.hasClaim("pin_at")).isFalse();
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(900);
    }

    @Test
    void R12_holderOfAPhysicalCardLogsInWithSocialSecurityNumber() throws Exception {
        Holders.Imported imported = Holders.imported("MÜLLER ANNA", Holders.PASSWORD);

        String token = Holders.loginBySsn(imported.socialSecurityNumber(), Holders.PASSWORD, Holders.newAddress())
                .statusCode(200).extract().path("access_token");

        JwtClaims claims = claims(token);
        assertThat(claims.getSubject()).isEqualTo(imported.accountId());
        assertThat(claims.hasClaim("permit")).isFalse();
        Holders.from(Holders.newAddress()).auth().oauth2(token).when().get("/api/accounts/card")
                .then().statusCode(200)
                .body("cardNumber", equalTo(imported.cardNumber()))
                .body("holderName", equalTo("MÜLLER ANNA"))
                .body("socialSecurityNumber", equalTo("**************" + imported.socialSecurityNumber().substring(14)));
    }

    @Test
    void wrongPasswordUnknownAccountAndLockedAccountLookTheSame() {
        Holder holder = Holders.withPermit(dataSource);
        String address = Holders.newAddress();

        Map<String, Object> wrong = Holders.problem(Holders.login(holder.permitNumber(), WRONG_PASSWORD, address).statusCode(401));
        Map<String, Object> unknown = Holders.problem(Holders.login(Holders.newPermitNumber(), WRONG_PASSWORD, address).statusCode(401));
        for (int i = 0; i < 4; i++) {
            Holders.login(holder.permitNumber(), WRONG_PASSWORD, address).statusCode(401);
        }
        // locked now: even the right password gets the very same answer
        Map<String, Object> locked = Holders.problem(Holders.login(holder.permitNumber(), Holders.PASSWORD, address).statusCode(401));

        assertThat(wrong).containsEntry("code", "INVALID_CREDENTIALS").containsEntry("status", 401);
        assertThat(unknown).isEqualTo(wrong);
        assertThat(locked).isEqualTo(wrong);
    }

    @Test
    void refusedLoginsAndLockoutsAreCountedByReason_andTheMetricsNameNoAccountOrAddress() {
        Holder holder = Holders.withPermit(dataSource);
        String address = Holders.newAddress();
        String unknownPermit = Holders.newPermitNumber();
        double wrong = failures("wrong_password");
        double unknown = failures("unknown_account");
        double locked = failures("locked");
        double lockouts = Metrics.value("esscard_login_lockouts_total", Map.of("kind", "holder"));

        failFiveTimes(holder, address);
        Holders.login(holder.permitNumber(), Holders.PASSWORD, address).statusCode(401);
        Holders.login(unknownPermit, WRONG_PASSWORD, address).statusCode(401);

        // three answers alike to the client, told apart for the operators (docs/OPERATIONS.md, Metrics)
        assertThat(failures("wrong_password")).isEqualTo(wrong + 5);
        assertThat(Metrics.value("esscard_login_lockouts_total", Map.of("kind", "holder"))).isEqualTo(lockouts + 1);
        assertThat(failures("locked")).isEqualTo(locked + 1);
        assertThat(failures("unknown_account")).isEqualTo(unknown + 1);
        assertThat(Metrics.scrape()).doesNotContain(holder.permitNumber()).doesNotContain(unknownPermit)
                .doesNotContain(holder.accountId()).doesNotContain(address);
    }

    @Test
    void lockoutLiftsByItselfAndGrowsWithRepeats() throws Exception {
        Holder holder = Holders.withPermit(dataSource);
        String address = Holders.newAddress();

        failFiveTimes(holder, address);
        Holders.login(holder.permitNumber(), Holders.PASSWORD, address).statusCode(401);
        TestClock.CLOCK.advance(Duration.ofSeconds(61));
        Holders.login(holder.permitNumber(), Holders.PASSWORD, address).statusCode(200);

        // the schedule starts over after a success: 1 minute again
        failFiveTimes(holder, address);
        TestClock.CLOCK.advance(Duration.ofSeconds(61));
        // a second streak without a success in between: 5 minutes
        failFiveTimes(holder, address);
        assertThat(lockedForSeconds(holder)).isBetween(290L, 301L);
        TestClock.CLOCK.advance(Duration.ofSeconds(61));
        Holders.login(holder.permitNumber(), Holders.PASSWORD, address).statusCode(401);
        TestClock.CLOCK.advance(Duration.ofMinutes(4));
        Holders.login(holder.permitNumber(), Holders.PASSWORD, address).statusCode(200);
    }

    @Test
    void lockoutsAreCappedAtAnHour() throws Exception {
        Holder holder = Holders.withPermit(dataSource);
        // the holder's own address: the account-wide slow-down of other addresses does not apply to it
        String address = Holders.newAddress();
        Holders.login(holder.permitNumber(), Holders.PASSWORD, address).statusCode(200);
        long[] expected = { 60, 300, 900, 3600, 3600 };
        for (long seconds : expected) {
            failFiveTimes(holder, address);
            assertThat(lockedForSeconds(holder)).isBetween(seconds - 10, seconds + 1);
            TestClock.CLOCK.advance(Duration.ofSeconds(seconds + 1));
        }
        Holders.login(holder.permitNumber(), Holders.PASSWORD, address).statusCode(200);
    }

    @Test
    void parallelGuessesGetNoMoreTriesThanASequence() throws Exception {
        Holder holder = Holders.withPermit(dataSource);
        String address = Holders.newAddress();
        Holders.login(holder.permitNumber(), Holders.PASSWORD, address).statusCode(200);

        // 16 guesses at once from one address: only the 5 of one streak were checked, so one lockout, not three
        assertThat(burst(holder, () -> address)).containsOnly(401);
        assertThat(Events.count(dataSource, "select lockout_level from login_failure where account_id = ?::uuid and client_address = ?",
                holder.accountId(), address)).isEqualTo(1);
        Holders.login(holder.permitNumber(), Holders.PASSWORD, address).statusCode(401);

        // 16 at once from 16 addresses: the account-wide slow-down let 10 be checked, the others wait
        Holder other = Holders.withPermit(dataSource);
        List<Integer> answers = burst(other, Holders::newAddress);
        assertThat(answers).containsOnly(401, 429);
        assertThat(answers.stream().filter(status -> status == 429).count()).isEqualTo(6);
        assertThat(Events.count(dataSource, "select coalesce(sum(failures), 0) from login_failure where account_id = ?::uuid",
                other.accountId())).isEqualTo(10);
    }

    private static List<Integer> burst(Holder holder, java.util.function.Supplier<String> addresses) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String address = addresses.get();
                answers.add(pool.submit(() -> Holders.login(holder.permitNumber(), WRONG_PASSWORD + "x", address)
                        .extract().statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failuresAreCountedPerClientAddress() {
        String address = Holders.newAddress();
        for (int i = 0; i < 20; i++) {
            Holders.login(Holders.newPermitNumber(), WRONG_PASSWORD, address).statusCode(401);
        }

        Holders.login(Holders.newPermitNumber(), WRONG_PASSWORD, address)
                .statusCode(429).contentType("application/problem+json")
                .body("code", equalTo("TOO_MANY_ATTEMPTS"))
                .body("retryAfterSeconds", greaterThan(800))
                .header("Retry-After", notNullValue());
        // another address is not affected; the window ends by itself
        Holders.login(Holders.newPermitNumber(), WRONG_PASSWORD, Holders.newAddress()).statusCode(401);
        TestClock.CLOCK.advance(Duration.ofMinutes(16));
        Holders.login(Holders.newPermitNumber(), WRONG_PASSWORD, address).statusCode(401);
    }

    @Test
    void refreshTokensRotateAndAReusedOneEndsTheLogin() {
        Holder holder = Holders.withPermit(dataSource);
        String first = Holders.login(holder.permitNumber(), Holders.PASSWORD, Holders.newAddress())
                .statusCode(200).extract().path("refresh_token");

        String second = refresh(first).statusCode(200).body("access_token", notNullValue()).extract().path("refresh_token");
        assertThat(second).isNotEqualTo(first);
        String third = refresh(second).statusCode(200).extract().path("refresh_token");

        // the first one again: a copy is in someone's hands; the whole family ends, the latest token too
        refresh(first).statusCode(401).body("code", equalTo("REFRESH_TOKEN_INVALID"));
        refresh(third).statusCode(401).body("code", equalTo("REFRESH_TOKEN_INVALID"));
    }

    @Test
    void logoutRevokesTheLogin() {
        Holder holder = Holders.withPermit(dataSource);
        String refreshToken = Holders.login(holder.permitNumber(), Holders.PASSWORD, Holders.newAddress())
                .statusCode(200).extract().path("refresh_token");
        String other = Holders.login(holder.permitNumber(), Holders.PASSWORD, Holders.newAddress())
                .statusCode(200).extract().path("refresh_token");

        Holders.from(Holders.newAddress()).body(Map.of("refresh_token", refreshToken))
                .when().post("/api/accounts/logout").then().statusCode(204);

        refresh(refreshToken).statusCode(401).body("code", equalTo("REFRESH_TOKEN_INVALID"));
        // another device's login goes on
        refresh(other).statusCode(200);
        Holders.from(Holders.newAddress()).body(Map.of("refresh_token", "unknown"))
                .when().post("/api/accounts/logout").then().statusCode(204);
    }

    @Test
    void refreshTokensExpire() {
        Holder holder = Holders.withPermit(dataSource);
        String refreshToken = Holders.login(holder.permitNumber(), Holders.PASSWORD, Holders.newAddress())
                .statusCode(200).extract().path("refresh_token");

        TestClock.CLOCK.advance(Duration.ofDays(31));

        refresh(refreshToken).statusCode(401).body("code", equalTo("REFRESH_TOKEN_INVALID"));
    }

    @Test
    void loginNeedsExactlyOneIdentifier() {
        Holders.from(Holders.newAddress()).body(Map.of("password", Holders.PASSWORD))
                .when().post("/api/accounts/login")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        Holders.from(Holders.newAddress()).body("{\"permitNumber\": 12")
                .when().post("/api/accounts/login")
                .then().statusCode(400).body("code", equalTo("MALFORMED_JSON"));
    }

    private static ValidatableResponse refresh(String token) {
        return Holders.from(Holders.newAddress()).body(Map.of("refresh_token", token))
                .when().post("/api/accounts/token/refresh").then();
    }

    private static double failures(String reason) {
        return Metrics.value("esscard_login_failures_total", Map.of("kind", "holder", "reason", reason));
    }

    private static void failFiveTimes(Holder holder, String address) {
        for (int i = 0; i < 5; i++) {
            Holders.login(holder.permitNumber(), WRONG_PASSWORD, address).statusCode(401);
        }
    }

    private long lockedForSeconds(Holder holder) throws Exception {
        String until = Events.string(dataSource,
                "select floor(extract(epoch from max(locked_until)))::bigint from login_failure where account_id = ?::uuid", holder.accountId());
        return Long.parseLong(until) - TestClock.CLOCK.instant().getEpochSecond();
    }

    static JwtClaims claims(String token) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        return JwtClaims.parse(jws.getUnverifiedPayload());
    }
}

package org.esscard.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.esscard.account.support.Holders.Holder;
import org.esscard.account.support.Holders;
import org.esscard.platform.testing.TestClock;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/**
 * R15: the 6-digit PIN of permit services: set once, distinct from the password, verified for a 5-minute step-up;
 * 5 wrong in a row lock it for 1 h, then 4 h, then 24 h at most.
 */
@QuarkusTest
class ServicePinTests {

    static final String PIN = "204816";

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void resetClock() {
        TestClock.CLOCK.reset();
    }

    @Test
    void R15_firstUseSetsAPinAndVerifyingItGivesTheStepUpPermitServicesRequire() throws Exception {
        Holder holder = Holders.withPermit(dataSource);
        String token = Holders.accessToken(holder);
        state(token).body("set", equalTo(false));
        verify(token, PIN).statusCode(409).body("code", equalTo("PIN_NOT_SET")).body("detail", containsString("6-digit"));

        setPin(token, Holders.PASSWORD, PIN, null).statusCode(204);
        state(token).body("set", equalTo(true)).body("locked", equalTo(false)).body("remainingAttempts", equalTo(5));

        long before = TestClock.CLOCK.instant().getEpochSecond();
        String steppedUp = verify(token, PIN).statusCode(200).body("expires_in", lessThanOrEqualTo(300)).extract().path("access_token");

        // exactly what permit-service's HolderAccess reads: permit, amr with pin, pin_at in epoch seconds, at most 5 minutes
        JwtClaims claims = HolderLoginTests.claims(steppedUp);
        assertThat(claims.getSubject()).isEqualTo(holder.accountId());
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("holder");
        assertThat(claims.getStringClaimValue("permit")).isEqualTo(holder.permitNumber());
        assertThat(claims.getStringListClaimValue("amr")).containsExactly("pwd", "pin");
        assertThat(claims.getClaimValue("pin_at", Long.class)).isBetween(before, before + 5);
        assertThat(claims.getExpirationTime().getValue() - claims.getClaimValue("pin_at", Long.class)).isEqualTo(300);
    }

    @Test
    void R15_thePinIsSixDigitsNotTrivialAndDistinctFromThePassword() {
        Holder holder = Holders.withPermit(dataSource);
        String token = Holders.accessToken(holder);

        setPin(token, Holders.PASSWORD, "12345", null).statusCode(400).body("code", equalTo("PIN_POLICY"))
                .body("rule", equalTo("NOT_SIX_DIGITS"));
        setPin(token, Holders.PASSWORD, "888888", null).statusCode(400).body("rule", equalTo("REPEATED_DIGIT"));
        setPin(token, Holders.PASSWORD, "345678", null).statusCode(400).body("rule", equalTo("ASCENDING_RUN"));
        setPin(token, Holders.PASSWORD, "876543", null).statusCode(400).body("rule", equalTo("DESCENDING_RUN"));
        setPin(token, Holders.PASSWORD, "202604", null).statusCode(204);
        // a PIN readable among the password's digits is no second secret
        String password = "Pass#204816";
        String other = Holders.login(Holders.withPermit(dataSource, password).permitNumber(), password, Holders.newAddress())
                .statusCode(200).extract().path("access_token");
        setPin(other, password, "204816", null).statusCode(400).body("code", equalTo("PIN_SAME_AS_PASSWORD"));
        setPin(other, "Wrong#2026", "920261", null).statusCode(401).body("code", equalTo("INVALID_CREDENTIALS"));
        setPin(other, password, "920261", null).statusCode(204);
    }

    @Test
    void R15_fiveWrongPinsLockItWithRemainingAttemptsShown() {
        Holder holder = Holders.withPermit(dataSource);
        String token = Holders.accessToken(holder);
        setPin(token, Holders.PASSWORD, PIN, null).statusCode(204);

        for (int remaining = 4; remaining >= 1; remaining--) {
            verify(token, "111222").statusCode(403).body("code", equalTo("PIN_WRONG")).body("remainingAttempts", equalTo(remaining));
        }
        verify(token, "111222").statusCode(423).body("code", equalTo("PIN_LOCKED")).body("detail", containsString("facial recognition"));
        // the lock ended every login of the account (issue 13); after a new login the right PIN no longer helps, nor
        // does setting a new one over it
        String again = Holders.accessToken(holder);
        verify(again, PIN).statusCode(423).body("code", equalTo("PIN_LOCKED"));
        setPin(again, Holders.PASSWORD, "135790", PIN).statusCode(423);
        state(again).body("locked", equalTo(true)).body("remainingAttempts", equalTo(0));
    }

    @Test
    void R15_aPinLockEndsAndGrowsWithRepeatsUpToADay() {
        Holder holder = Holders.withPermit(dataSource);
        String token = Holders.accessToken(holder);
        setPin(token, Holders.PASSWORD, PIN, null).statusCode(204);

        long[] expected = { 3600, 4 * 3600, 24 * 3600, 24 * 3600 };
        for (long seconds : expected) {
            for (int i = 0; i < 4; i++) {
                verify(token, "111222").statusCode(403);
            }
            verify(token, "111222").statusCode(423).body("code", equalTo("PIN_LOCKED"))
                    .body("retryAfterSeconds", both(greaterThan((int) seconds - 10)).and(lessThanOrEqualTo((int) seconds)))
                    .header("Retry-After", notNullValue());
            // the lock ended every login of the account (TokenAttacksTests): the holder logs in again
            token = Holders.accessToken(holder);
            // a face-verified reset ends it at once (PinResetTests); else it ends by itself
            TestClock.CLOCK.advance(Duration.ofSeconds(seconds - 60));
            verify(token, PIN).statusCode(423);
            TestClock.CLOCK.advance(Duration.ofSeconds(61));
        }
        verify(token, PIN).statusCode(200);
        // a right PIN starts the schedule over: the next lock is an hour again
        for (int i = 0; i < 4; i++) {
            verify(token, "111222").statusCode(403);
        }
        verify(token, "111222").statusCode(423).body("retryAfterSeconds", lessThanOrEqualTo(3600));
    }

    @Test
    void R15_aRightPinStartsTheCountOverAndChangingNeedsTheCurrentOne() {
        Holder holder = Holders.withPermit(dataSource);
        String token = Holders.accessToken(holder);
        setPin(token, Holders.PASSWORD, PIN, null).statusCode(204);

        verify(token, "111222").statusCode(403).body("remainingAttempts", equalTo(4));
        verify(token, PIN).statusCode(200);
        verify(token, "111222").statusCode(403).body("remainingAttempts", equalTo(4));

        setPin(token, Holders.PASSWORD, "135790", null).statusCode(400).body("code", equalTo("PIN_CURRENT_REQUIRED"));
        setPin(token, Holders.PASSWORD, "135790", "000111").statusCode(403).body("code", equalTo("PIN_WRONG"));
        setPin(token, Holders.PASSWORD, "135790", PIN).statusCode(204);
        verify(token, "135790").statusCode(200);
    }

    @Test
    void pinEndpointsAreForHoldersOnly() {
        Holders.from(Holders.newAddress()).body(Map.of("pin", PIN)).when().post("/api/accounts/pin/verification")
                .then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
    }

    static ValidatableResponse setPin(String token, String password, String pin, String currentPin) {
        Map<String, Object> body = new HashMap<>();
        body.put("password", password);
        body.put("pin", pin);
        if (currentPin != null) {
            body.put("currentPin", currentPin);
        }
        return Holders.from(Holders.newAddress()).auth().oauth2(token).body(body).when().put("/api/accounts/pin").then();
    }

    static ValidatableResponse verify(String token, String pin) {
        return Holders.from(Holders.newAddress()).auth().oauth2(token).body(Map.of("pin", pin))
                .when().post("/api/accounts/pin/verification").then();
    }

    static ValidatableResponse state(String token) {
        return Holders.from(Holders.newAddress()).auth().oauth2(token).when().get("/api/accounts/pin").then().statusCode(200);
    }
}

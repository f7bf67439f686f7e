package org.esscard.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import org.esscard.identity.support.People.Person;
import org.esscard.identity.support.People;
import org.esscard.identity.support.PermitEvents;
import org.esscard.identity.support.Sessions;
import org.esscard.identity.support.Simulator;
import org.esscard.platform.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * SMS codes: 6 digits kept only as a keyed hash, 5 minutes, 5 wrong entries; and every send limit (one a minute,
 * five a session, ten a day to a number), each refused with its problem code and when to retry.
 */
@QuarkusTest
class SmsCodeTests {

    private static final Duration PAST_THE_MINUTE = Duration.ofSeconds(61);

    @Inject
    AgroalDataSource dataSource;

    private Person person;
    private String mobile;

    @BeforeEach
    void person() {
        TestClock.CLOCK.reset();
        person = People.newPerson();
        mobile = People.newMobile();
        PermitEvents.issued(dataSource, person);
    }

    @AfterEach
    void resetClock() {
        TestClock.CLOCK.reset();
        given().baseUri(Simulator.url()).delete("/sim/script").then().statusCode(204);
    }

    @Test
    void theCodeIsSixDigitsAndKeptOnlyAsAKeyedHash() throws Exception {
        String id = codeSent();
        String code = Simulator.lastCode(mobile);

        String stored = query("select code_hash from sms_challenge where session_id = '" + id + "'");
        assertThat(code).matches("\\d{6}");
        assertThat(stored).matches("[0-9a-f]{64}").doesNotContain(code);
        String plainSha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.US_ASCII)));
        assertThat(stored).isNotEqualTo(plainSha256);
        assertThat(query("select string_agg(number_key, ',') from sms_send where session_id = '" + id + "'"))
                .doesNotContain(mobile.substring(3));
    }

    @Test
    void anExpiredCodeIsRefused() {
        String id = codeSent();
        String code = Simulator.lastCode(mobile);

        TestClock.CLOCK.advance(Duration.ofMinutes(5).plusSeconds(1));

        Sessions.code(id, code).statusCode(410).contentType("application/problem+json")
                .body("code", equalTo("SMS_CODE_EXPIRED"))
                .body("detail", containsString("5 minutes"));
        Sessions.resend(id).statusCode(202);
        Sessions.code(id, Simulator.lastCode(mobile)).statusCode(200).body("status", equalTo("VERIFIED"));
    }

    @Test
    void aCodeIsStillGoodJustBeforeItsFiveMinutesEnd() {
        String id = codeSent();

        TestClock.CLOCK.advance(Duration.ofMinutes(5).minusSeconds(1));

        Sessions.code(id, Simulator.lastCode(mobile)).statusCode(200).body("status", equalTo("VERIFIED"));
    }

    @Test
    void theSixthWrongAttemptIsRefusedAsExhausted() {
        String id = codeSent();
        String code = Simulator.lastCode(mobile);
        String wrong = Sessions.wrong(code);
        for (int remaining = 4; remaining >= 0; remaining--) {
            Sessions.code(id, wrong).statusCode(422).contentType("application/problem+json")
                    .body("code", equalTo("SMS_CODE_WRONG"))
                    .body("remainingAttempts", equalTo(remaining));
        }
        Sessions.get(id).statusCode(200).body("pendingCode.attemptsRemaining", equalTo(0));

        Sessions.code(id, code).statusCode(423).contentType("application/problem+json")
                .body("code", equalTo("SMS_CODE_EXHAUSTED"))
                .body("detail", containsString("Request a new code"));

        TestClock.CLOCK.advance(PAST_THE_MINUTE);
        Sessions.resend(id).statusCode(202).body("pendingCode.attemptsRemaining", equalTo(5));
        Sessions.code(id, Simulator.lastCode(mobile)).statusCode(200).body("status", equalTo("VERIFIED"));
    }

    @Test
    void theLastWrongAttemptSaysTheCodeIsDead() {
        String id = codeSent();
        String wrong = Sessions.wrong(Simulator.lastCode(mobile));
        for (int i = 0; i < 4; i++) {
            Sessions.code(id, wrong).statusCode(422);
        }

        Sessions.code(id, wrong).statusCode(422).body("remainingAttempts", equalTo(0))
                .body("detail", containsString("request a new one"));
        given().auth().oauth2(org.esscard.platform.testing.TestTokens.staff("service")).header("Accept-Language", "zh-CN")
                .contentType(ContentType.JSON).body(Map.of("code", wrong))
                .post(Sessions.BASE + "/" + id + "/sms-code")
                .then().statusCode(423).body("code", equalTo("SMS_CODE_EXHAUSTED")).body("detail", containsString("重新获取"));
    }

    @Test
    void aNewCodeWithinAMinuteIsRateLimited() {
        String id = codeSent();
        TestClock.CLOCK.advance(Duration.ofSeconds(20));

        Sessions.resend(id).statusCode(429).contentType("application/problem+json")
                .body("code", equalTo("SMS_RATE_LIMITED"))
                .body("limit", equalTo("PER_MINUTE"))
                .body("retryAfterSeconds", equalTo(40))
                .header("Retry-After", "40")
                .body("detail", containsString("40 seconds"));

        TestClock.CLOCK.advance(Duration.ofSeconds(40));
        Sessions.resend(id).statusCode(202);
        assertThat(Simulator.sms(mobile)).hasSize(2);
    }

    @Test
    void aResentCodeReplacesTheEarlierOne() {
        String id = codeSent();
        String first = Simulator.lastCode(mobile);
        TestClock.CLOCK.advance(PAST_THE_MINUTE);
        Sessions.resend(id).statusCode(202);
        String second = Simulator.lastCode(mobile);

        if (!first.equals(second)) {
            Sessions.code(id, first).statusCode(422).body("code", equalTo("SMS_CODE_WRONG"));
        }
        Sessions.code(id, second).statusCode(200).body("status", equalTo("VERIFIED"));
    }

    @Test
    void aSessionSendsAtMostFiveCodes() {
        String id = codeSent();
        for (int i = 0; i < 4; i++) {
            TestClock.CLOCK.advance(PAST_THE_MINUTE);
            Sessions.resend(id).statusCode(202);
        }
        TestClock.CLOCK.advance(PAST_THE_MINUTE);

        Sessions.resend(id).statusCode(429)
                .body("code", equalTo("SMS_RATE_LIMITED"))
                .body("limit", equalTo("PER_SESSION"))
                .body("retryAfterSeconds", equalTo(1))
                .body("detail", containsString("start the verification again"));
        assertThat(Simulator.sms(mobile)).hasSize(5);
    }

    @Test
    void aNumberReceivesAtMostTenCodesADay() {
        String first = codeSent();
        for (int i = 0; i < 4; i++) {
            TestClock.CLOCK.advance(PAST_THE_MINUTE);
            Sessions.resend(first).statusCode(202);
        }
        TestClock.CLOCK.advance(PAST_THE_MINUTE);
        String second = Sessions.openId(person, "REAL_NAME");
        Sessions.mobile(second, mobile).statusCode(202);
        for (int i = 0; i < 4; i++) {
            TestClock.CLOCK.advance(PAST_THE_MINUTE);
            Sessions.resend(second).statusCode(202);
        }
        TestClock.CLOCK.advance(PAST_THE_MINUTE);
        String third = Sessions.openId(person, "REAL_NAME");
        int carrierChecks = Simulator.checks("carrier", mobile);

        long retryAfter = Sessions.mobile(third, mobile).statusCode(429).contentType("application/problem+json")
                .body("code", equalTo("SMS_RATE_LIMITED"))
                .body("limit", equalTo("PER_DAY"))
                .body("retryAfterSeconds", greaterThan(23 * 3600))
                .body("retryAfterSeconds", lessThanOrEqualTo(24 * 3600))
                .body("detail", containsString("24 hours"))
                .extract().jsonPath().getLong("retryAfterSeconds");

        assertThat(Simulator.sms(mobile)).hasSize(10);
        assertThat(Simulator.checks("carrier", mobile)).isEqualTo(carrierChecks);
        TestClock.CLOCK.advance(Duration.ofSeconds(retryAfter));
        String fourth = Sessions.openId(person, "REAL_NAME");
        Sessions.mobile(fourth, mobile).statusCode(202);
    }

    @Test
    void aCodeIsRefusedWhenNoneWasSent() {
        String id = Sessions.openId(person, "REAL_NAME");

        Sessions.code(id, "123456").statusCode(409).body("code", equalTo("SMS_CODE_NOT_SENT"));
        Sessions.resend(id).statusCode(409).body("code", equalTo("SMS_CODE_NOT_SENT"));
    }

    @Test
    void aCodeMustBeSixDigits() {
        String id = codeSent();

        Sessions.code(id, "12345").statusCode(400).body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("code"));
        Sessions.code(id, "12345a").statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        Sessions.get(id).statusCode(200).body("pendingCode.attemptsRemaining", equalTo(5));
    }

    @Test
    void aCodeTheGatewayCouldNotSendIsNotCountedAndCanBeResentAtOnce() {
        String id = Sessions.openId(person, "REAL_NAME");
        given().baseUri(Simulator.url()).contentType(ContentType.JSON).body(Map.of("failNext", 1, "status", 503))
                .put("/sim/script/channels/sms").then().statusCode(200);

        Sessions.mobile(id, mobile).statusCode(503).body("code", equalTo("PROVIDER_UNAVAILABLE")).body("detail", containsString("SMS"));

        Sessions.resend(id).statusCode(202);
        Sessions.code(id, Simulator.lastCode(mobile)).statusCode(200).body("status", equalTo("VERIFIED"));
    }

    /** A real-name session whose mobile check passed and sent a code to {@link #mobile}. */
    private String codeSent() {
        String id = Sessions.openId(person, "REAL_NAME");
        Sessions.mobile(id, mobile).statusCode(202);
        return id;
    }

    private String query(String sql) {
        try (var c = dataSource.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}

package org.esscard.permit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import org.esscard.permit.support.Permits;
import org.esscard.platform.testing.TestClock;
import org.esscard.platform.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Exit-entry officers verify the holder's QR (R18): a clear verdict for every kind of QR, never a 500. */
@QuarkusTest
class OfficerVerificationTests {

    @AfterEach
    void resetClock() {
        TestClock.CLOCK.reset();
    }

    @Test
    void R18_officerVerifiesAHoldersQrAndSeesThePermit() {
        String number = Permits.issue("A", LocalDate.now().plusYears(1));

        verify(qrOf(number))
                .body("verdict", equalTo("VALID"))
                .body("permit.permitNumber", equalTo(number))
                .body("permit.holderName", equalTo(Permits.HOLDER_NAME))
                .body("permit.talentCategory", equalTo("A"))
                .body("permit.status", equalTo("ACTIVE"))
                .body("kid", notNullValue());
    }

    @Test
    void R18_aQrWithOneFlippedCharacterIsTampered() {
        String qr = qrOf(Permits.issue("B", LocalDate.now().plusYears(1)));
        int middle = qr.indexOf('.') + 20;
        char flipped = qr.charAt(middle) == 'A' ? 'B' : 'A';

        verify(qr.substring(0, middle) + flipped + qr.substring(middle + 1))
                .body("verdict", equalTo("TAMPERED")).body("permit", nullValue());
    }

    @Test
    void R18_anExpiredQrFails() {
        String qr = qrOf(Permits.issue("B", LocalDate.now().plusYears(1)));

        TestClock.CLOCK.advance(Duration.ofMinutes(11));

        verify(qr).body("verdict", equalTo("EXPIRED")).body("qrExpiredAt", notNullValue()).body("permit", nullValue());
    }

    @Test
    void R18_aQrMadeBeforeACancellationFailsOnline() {
        String number = Permits.issue("C", LocalDate.now().plusYears(1));
        String qr = qrOf(number);
        given().auth().oauth2(TestTokens.permitAuthority()).contentType(ContentType.JSON).body(Map.of("reason", "Fraud"))
                .when().post("/api/permits/" + number + "/cancellation").then().statusCode(200);

        verify(qr).body("verdict", equalTo("PERMIT_CANCELLED")).body("permit", nullValue());
    }

    @Test
    void R18_garbageAndForeignTokensGetAVerdictNot500() {
        verify("hello").body("verdict", equalTo("MALFORMED"));
        verify("ESSC1:").body("verdict", equalTo("MALFORMED"));
        verify("ESSC1:" + TestTokens.officer()).body("verdict", equalTo("UNKNOWN_KEY"));
        verify("ESSC1:eyJhbGciOiJub25lIn0.eyJwbiI6IlcxIn0.").body("verdict", equalTo("MALFORMED"));
        verify("\u00ff\ud83d\ude00").body("verdict", equalTo("MALFORMED"));
        // NUL is refused before the verifier sees it, like any text the database could not store (issue 13)
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body(Map.of("qr", "\u0000\u00ff"))
                .when().post("/api/permits/qr/verifications")
                .then().statusCode(400).body("code", equalTo("INVALID_TEXT")).body("errors[0].field", equalTo("qr"));
    }

    @Test
    void onlyOfficersVerifyAndTheKeysArePublic() {
        given().auth().oauth2(TestTokens.holder("acc", "W1")).contentType(ContentType.JSON).body(Map.of("qr", "x"))
                .when().post("/api/permits/qr/verifications").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("qr", "x"))
                .when().post("/api/permits/qr/verifications").then().statusCode(401);
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body("{}")
                .when().post("/api/permits/qr/verifications")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("qr"));
        given().when().get("/api/permits/qr/keys")
                .then().statusCode(200).body("keys[0].kty", equalTo("EC")).body("keys[0].crv", equalTo("P-256"));
    }

    private static String qrOf(String number) {
        return given().auth().oauth2(TestTokens.holder("acc-1", number)).when().get("/api/permits/mine/qr")
                .then().statusCode(200).extract().path("text");
    }

    private static io.restassured.response.ValidatableResponse verify(String qr) {
        return given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body(Map.of("qr", qr))
                .when().post("/api/permits/qr/verifications")
                .then().statusCode(200);
    }
}

package org.esscard.permit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.esscard.permit.support.Permits;
import org.esscard.platform.testing.TestClock;
import org.esscard.platform.testing.TestTokens;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Attacks on the permit QR credential (issue 13): a code that would outlive the permit it vouches for. */
@QuarkusTest
class QrCredentialAttacksTests {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final int DAYS_OF_VALIDITY_LEFT = 10;
    private static final String TEST_KID = "qr-test";

    /** Tokens are minted with the real time; the shared test clock stands still and may lag behind a slow start. */
    @BeforeEach
    void clockAtRealTime() {
        TestClock.CLOCK.reset();
    }

    @Test
    void A10_qrPastValidity() throws Exception {
        LocalDate validUntil = LocalDate.ofInstant(TestClock.CLOCK.instant(), CHINA).plusDays(DAYS_OF_VALIDITY_LEFT);
        long endOfLastDay = ZonedDateTime.of(validUntil.atTime(23, 59, 59), CHINA).toEpochSecond();
        String number = Permits.issue("A", validUntil);
        String holder = TestTokens.holder("acc-a10", number);

        // the letter's QR lives 30 days, but the permit ends in 10: its exp is the end of the last valid day in China
        byte[] pdf = given().auth().oauth2(holder).when().get("/api/permits/mine/letter.pdf")
                .then().statusCode(200).extract().asByteArray();
        String letterQr;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            letterQr = HolderDocumentsTests.decodeQr(new PDFRenderer(document).renderImageWithDPI(0, 300));
        }
        JsonNode letterClaims = payload(letterQr);
        assertThat(letterClaims.get("vu").asText()).isEqualTo(validUntil.toString());
        assertThat(letterClaims.get("exp").asLong()).as("letter QR exp").isEqualTo(endOfLastDay);
        verify(letterQr).body("verdict", equalTo("VALID"));

        // the app's 10-minute QR is untouched by the bound
        String screenQr = given().auth().oauth2(holder).when().get("/api/permits/mine/qr")
                .then().statusCode(200).extract().path("text");
        JsonNode screenClaims = payload(screenQr);
        assertThat(screenClaims.get("exp").asLong() - screenClaims.get("iat").asLong()).isEqualTo(600);

        // a genuine signature over an exp past the permit's validity (an old letter, a buggy or stolen signer) is refused
        long now = TestClock.CLOCK.instant().getEpochSecond();
        String forged = sign("{\"pn\":\"" + number + "\",\"hn\":\"" + Permits.HOLDER_NAME + "\",\"nat\":\"GBR\",\"cat\":\"A\","
                + "\"vu\":\"" + validUntil + "\",\"iat\":" + now + ",\"exp\":" + (endOfLastDay + 1) + ",\"jti\":\"a10AAAAAAAAAAAAA\"}");
        verify(forged).body("verdict", equalTo("MALFORMED")).body("reason", containsString("validity"))
                .body("permit", nullValue());
    }

    private static io.restassured.response.ValidatableResponse verify(String qr) {
        return given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body(Map.of("qr", qr))
                .when().post("/api/permits/qr/verifications").then().statusCode(200);
    }

    private static JsonNode payload(String qr) throws Exception {
        String[] segments = qr.substring("ESSC1:".length()).split("\\.");
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(segments[1]));
    }

    /** Signs with the test ring's active key, as the service would have, but claims of our choosing. */
    private static String sign(String payload) throws Exception {
        String pem;
        try (var in = QrCredentialAttacksTests.class.getClassLoader().getResourceAsStream("testkeys/qr-test-private.pem")) {
            pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKeyIdHeaderValue(TEST_KID);
        jws.setPayload(payload);
        jws.setKey(key);
        return "ESSC1:" + jws.getCompactSerialization();
    }
}

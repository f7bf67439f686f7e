package org.esscard.permit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.esscard.permit.service.credential.PermitCredentials;
import org.esscard.permit.service.credential.QrCredentialVerifier;
import org.esscard.permit.service.credential.StatusListToken;
import org.esscard.permit.service.credential.Verdict.Outcome;
import org.esscard.permit.service.credential.Verdict;
import org.esscard.permit.service.expiry.ExpiryScanner;
import org.esscard.permit.support.Permits;
import org.esscard.platform.testing.TestClock;
import org.esscard.platform.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * Offline revocation (issue 16): every QR names its permit's bit in a published Token Status List; a cancellation or
 * an expiry sets it, and an officer's device that refreshed the list refuses the code with no network.
 */
@QuarkusTest
class QrStatusListTests {

    private static final String LISTS = "/api/permits/qr/status-lists/";

    @Inject
    PermitCredentials credentials;

    @Inject
    ExpiryScanner scanner;

    @AfterEach
    void resetClock() {
        TestClock.CLOCK.reset();
    }

    @Test
    void R18_everyQrOfAPermitNamesThePermitsOwnBit_neverAnotherPermits() {
        String first = Permits.issue("A", LocalDate.now().plusYears(1));
        String second = Permits.issue("B", LocalDate.now().plusYears(1));

        JsonPath a1 = payload(qrOf(first));
        JsonPath a2 = payload(qrOf(first));
        JsonPath b = payload(qrOf(second));

        assertThat(a1.getLong("status.status_list.idx")).isEqualTo(a2.getLong("status.status_list.idx"));
        assertThat(b.getLong("status.status_list.idx")).isGreaterThan(a1.getLong("status.status_list.idx"));
        assertThat(a1.getString("status.status_list.uri")).isEqualTo(credentials.statusListUri(0))
                .endsWith("/api/permits/qr/status-lists/0");
        assertThat(a1.getString("jti")).isNotEqualTo(a2.getString("jti"));
    }

    @Test
    void R18_theListIsASignedStatusListToken() {
        Permits.issue("A", LocalDate.now().plusYears(1));

        var answer = given().when().get(LISTS + "0").then().statusCode(200)
                .contentType(StatusListToken.MEDIA_TYPE).extract();
        String token = answer.asString();
        String[] parts = token.split("\\.");
        JsonPath header = JsonPath.from(decode(parts[0]));
        JsonPath claims = JsonPath.from(decode(parts[1]));

        assertThat(header.getString("typ")).isEqualTo("statuslist+jwt");
        assertThat(header.getString("alg")).isEqualTo("ES256");
        List<String> kids = given().when().get("/api/permits/qr/keys").then().statusCode(200)
                .extract().jsonPath().getList("keys.kid");
        assertThat(kids).contains(header.getString("kid"));
        assertThat(claims.getString("sub")).isEqualTo(credentials.statusListUri(0));
        assertThat(claims.getInt("status_list.bits")).isEqualTo(1);
        assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(Duration.ofHours(24).toSeconds());
        assertThat(claims.getLong("ttl")).isEqualTo(300);
        assertThat(StatusListToken.read(credentials.keys(), token, credentials.statusListUri(0))).isPresent();
        assertThat(StatusListToken.read(credentials.keys(), token, credentials.statusListUri(1)))
                .as("a list is only good for the uri it names").isEmpty();
        assertThat(answer.header("Cache-Control")).isEqualTo("public, max-age=5");
    }

    @Test
    void A33_aCancelledPermitsQrIsRefusedOfflineOnceTheDeviceRefreshedTheList() {
        String number = Permits.issue("C", LocalDate.now().plusYears(1));
        String qr = qrOf(number);
        String before = list(0);
        assertThat(offline(qr, before).outcome()).isEqualTo(Outcome.VALID);
        assertThat(offline(qr, before).warning()).isNull();

        given().auth().oauth2(TestTokens.permitAuthority()).contentType(ContentType.JSON).body(Map.of("reason", "Fraud"))
                .when().post("/api/permits/" + number + "/cancellation").then().statusCode(200);
        // the list an instance has built lives 5 seconds (esscard.permit.qr.status-list.refresh)
        TestClock.CLOCK.advance(Duration.ofSeconds(6));
        String after = list(0);

        assertThat(offline(qr, after).outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(offline(qr, before).outcome()).as("a device that did not refresh still says valid").isEqualTo(Outcome.VALID);
    }

    @Test
    void A32_aForgedOrMissingStatusListIsNoList_theOfflineVerdictWarnsInsteadOfPassing() {
        String qr = qrOf(Permits.issue("B", LocalDate.now().plusYears(1)));
        String current = list(0);

        assertThat(offline(qr, null).warning()).isEqualTo(Verdict.Warning.STATUS_LIST_MISSING);
        assertThat(offline(qr, current.substring(0, current.length() - 2) + "AA").warning())
                .as("a list whose signature fails is no list").isEqualTo(Verdict.Warning.STATUS_LIST_MISSING);
        TestClock.CLOCK.advance(Duration.ofHours(24));
        Verdict stale = new QrCredentialVerifier(credentials.keys(), TestClock.CLOCK, Duration.ofSeconds(30))
                .verifyOffline(qr, uri -> current);
        // the QR itself expired long before: an unexpired one is checked against the list's own exp
        assertThat(stale.outcome()).isEqualTo(Outcome.EXPIRED);
    }

    @Test
    void R19_R18_anExpiredPermitsBitIsSetByTheExpiryScan() {
        LocalDate today = LocalDate.now(TestClock.CLOCK.withZone(java.time.ZoneId.of("Asia/Shanghai")));
        String number = Permits.issue("B", today.plusDays(2));
        long idx = payload(qrOf(number)).getLong("status.status_list.idx");

        TestClock.CLOCK.set(today.plusDays(3).atTime(2, 0).toInstant(ZoneOffset.UTC));
        scanner.scan();

        var list = StatusListToken.read(credentials.keys(), list(idx / 1_048_576), credentials.statusListUri(0)).orElseThrow();
        assertThat(list.list().isInvalid(idx)).isTrue();
    }

    @Test
    void R18_aListNoPermitIsInIsANotFoundProblem() {
        given().header("Accept-Language", "en").when().get(LISTS + "4000").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("STATUS_LIST_NOT_FOUND"));
        given().when().get(LISTS + "-1").then().statusCode(400).contentType("application/problem+json");
        given().when().get(LISTS + "99999999999999999999").then().statusCode(404);
    }

    @Test
    void R18_onlineChecksAreAuditedUnderTheOfficersAccount() {
        String number = Permits.issue("A", LocalDate.now().plusYears(1));
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body(Map.of("qr", qrOf(number)))
                .when().post("/api/permits/qr/verifications").then().statusCode(200).body("verdict", equalTo("VALID"));
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body(Map.of("qr", "nonsense"))
                .when().post("/api/permits/qr/verifications").then().statusCode(200).body("verdict", equalTo("MALFORMED"));

        List<Map<String, Object>> audit = given().auth().oauth2(TestTokens.support())
                .when().get("/api/permits/qr/verifications?officer=staff-exit-entry-officer&limit=2")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(audit).extracting(e -> e.get("verdict")).containsExactly("MALFORMED", "VALID");
        assertThat(audit.get(1).get("permitNumber")).isEqualTo(number);
        assertThat(audit.get(1).get("officer")).isEqualTo("staff-exit-entry-officer");
        given().auth().oauth2(TestTokens.officer())
                .when().get("/api/permits/qr/verifications?officer=staff-exit-entry-officer").then().statusCode(403);
    }

    @Test
    void theVerifierPageIsServedToAnyone_itsAddressWithoutTheSlashRedirects() {
        given().redirects().follow(false).when().get("/api/permits/verifier").then().statusCode(301)
                .header("Location", "/api/permits/verifier/");
        given().when().get("/api/permits/verifier/").then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/html"))
                .body(org.hamcrest.Matchers.containsString("page.js"));
        given().when().get("/api/permits/verifier/zxing_reader.wasm").then().statusCode(200).contentType("application/wasm");
    }

    private Verdict offline(String qr, String list) {
        return new QrCredentialVerifier(credentials.keys(), TestClock.CLOCK, Duration.ofSeconds(30))
                .verifyOffline(qr, uri -> list);
    }

    private static String list(long n) {
        return given().when().get(LISTS + n).then().statusCode(200).extract().asString();
    }

    private static String qrOf(String number) {
        return given().auth().oauth2(TestTokens.holder("acc-1", number)).when().get("/api/permits/mine/qr")
                .then().statusCode(200).extract().path("text");
    }

    private static JsonPath payload(String qr) {
        return JsonPath.from(decode(qr.substring("ESSC1:".length()).split("\\.")[1]));
    }

    private static String decode(String segment) {
        return new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
    }
}

package org.esscard.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import org.esscard.platform.testing.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Attacks through what a request carries (issue 13): names that are the same passport name in another Unicode
 * encoding, or another name by case or spaces (R3, account- and identity-service alike), and text PostgreSQL
 * cannot store, in paths and bodies of every service.
 */
class InputAttacksIT {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** On the permit as the authority typed it: precomposed É and Ü. */
    private static final String NAME_ON_PERMIT = "JOS\u00C9 M\u00DCLLER-SMIT";
    /** The same name as a phone keyboard may send it: E + combining acute, U + combining diaeresis. */
    private static final String NAME_DECOMPOSED = "JOSE\u0301 MU\u0308LLER-SMIT";
    private static final String PASSWORD = "Accents#2026";

    private static RunningSuite suite;
    private static Authority authority;

    @BeforeAll
    static void suite() {
        suite = RunningSuite.get();
        authority = new Authority(suite);
    }

    @Test
    void A12_decomposedAccentName() {
        String permit = authority.issue(NAME_ON_PERMIT, "A", LocalDate.now().plusYears(1));
        String service = TestTokens.staff("service");
        await().atMost(PATIENCE).until(() -> openSession(service, permit, NAME_ON_PERMIT).extract().statusCode() == 201);

        // identity-service alone: the decomposed name is the passport name, other case or spacing is not
        openSession(service, permit, NAME_DECOMPOSED).statusCode(201);
        openSession(service, permit, "Jos\u00E9 M\u00FCller-Smit").statusCode(422).body("code", equalTo("NAME_MISMATCH"));
        openSession(service, permit, "JOS\u00C9  M\u00DCLLER-SMIT").statusCode(422).body("code", equalTo("NAME_MISMATCH"));

        // account-service, which opens the registration session at identity-service: the same answers (its
        // NAME_MISMATCH is a 400, identity-service's a 422)
        // until account-service has the permit from Kafka; slowly and from an address of its own, as each try counts
        HolderApp waiting = new HolderApp(suite, NAME_ON_PERMIT, permit, PASSWORD, "en");
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> waiting.submitRegistration("JOSE M\u00DCLLER-SMIT", null).extract().statusCode() != 404);
        HolderApp typedDecomposed = new HolderApp(suite, NAME_DECOMPOSED, permit, PASSWORD, "en");
        typedDecomposed.submitRegistration("JOSE M\u00DCLLER-SMIT", null).statusCode(400).body("code", equalTo("NAME_MISMATCH"));
        typedDecomposed.submitRegistration("jos\u00E9 m\u00FCller-smit", null).statusCode(400).body("code", equalTo("NAME_MISMATCH"));
        typedDecomposed.submitRegistration(" JOS\u00C9 M\u00DCLLER-SMIT", null).statusCode(400).body("code", equalTo("NAME_MISMATCH"));
        HolderApp.Registration registration = typedDecomposed.register(null);
        typedDecomposed.face(registration.session("REGISTRATION")).statusCode(200).body("status", equalTo("VERIFIED"));
        typedDecomposed.awaitActive(registration.accountId());
        typedDecomposed.login().statusCode(200);
    }

    @Test
    void A14_nulInPath() {
        String staff = suite.staffLogin("authority", "Authority#2026");
        String holder = TestTokens.holder("a14-account", Authority.newPermitNumber());

        expectInvalidText(raw(staff).when().get(suite.permit.url("/api/permits/%00")).then(), "permitNumber");
        expectInvalidText(raw(staff).when().get(suite.permit.url("/api/permits/W%00123")).then(), "permitNumber");
        for (String step : new String[] { "face", "bank-card", "mobile", "sms-code" }) {
            expectInvalidText(raw(null).contentType(ContentType.JSON).body(Map.of("livenessTicket", "t"))
                    .when().post(suite.account.url("/api/accounts/verifications/%00/" + step)).then(), "sessionId");
        }
        expectInvalidText(raw(null).when().get(suite.account.url("/api/accounts/verifications/%00")).then(), "sessionId");
        expectInvalidText(raw(TestTokens.staff("service")).when().get(suite.identity.url("/api/identity/sessions/%00")).then(), "id");
        expectInvalidText(raw(TestTokens.support()).when()
                .get(suite.notification.url("/api/notifications/support/permits/%00/inbox")).then(), "permitNumber");
        expectInvalidText(raw(holder).when().get(suite.notification.url("/api/notifications/inbox?page=%00")).then(), "page");

        // NUL in a JSON body string: a 400 naming the field, at every service's JSON reader
        expectInvalidText(raw(null).contentType(ContentType.JSON)
                .body("{\"permitNumber\":\"W1\\u0000\",\"password\":\"Wrong#2026\"}")
                .when().post(suite.account.url("/api/accounts/login")).then(), "permitNumber");
        expectInvalidText(raw(staff).contentType(ContentType.JSON)
                .body("{\"reason\":\"ended\\u0000\"}")
                .when().post(suite.permit.url("/api/permits/E00000000000001/cancellation")).then(), "reason");
        expectInvalidText(raw(TestTokens.staff("service")).contentType(ContentType.JSON)
                .body("{\"purpose\":\"REGISTRATION\",\"permitNumber\":\"E1\",\"name\":\"A\\ud800B\"}")
                .when().post(suite.identity.url("/api/identity/sessions")).then(), "name");
    }

    /** Found by {@link OpenApiFuzzIT} (seed 20261313, request #1390): NUL in a staff username reached the database. */
    @Test
    void A29_nulInStaffLoginBody() {
        expectInvalidText(raw(null).contentType(ContentType.JSON)
                .body("{\"username\":\"\\u0000\",\"password\":\"SMITH JOHN-PAUL\"}")
                .when().post(suite.account.url("/api/accounts/staff/login")).then(), "username");
        expectInvalidText(raw(null).contentType(ContentType.JSON)
                .body("{\"username\":\"authority\\u0000\",\"password\":\"x\"}")
                .when().post(suite.account.url("/api/accounts/staff/login")).then(), "username");
    }

    private static io.restassured.specification.RequestSpecification raw(String token) {
        var request = given().urlEncodingEnabled(false).header("Accept-Language", "en");
        return token == null ? request : request.auth().oauth2(token);
    }

    private static void expectInvalidText(ValidatableResponse response, String field) {
        response.statusCode(400).contentType(PROBLEM_JSON).body("code", equalTo("INVALID_TEXT"))
                .body("errors.field", hasItem(field));
    }

    private static ValidatableResponse openSession(String serviceToken, String permit, String name) {
        return given().auth().oauth2(serviceToken).contentType(ContentType.JSON)
                .body(Map.of("purpose", "REAL_NAME", "permitNumber", permit, "name", name))
                .when().post(suite.identity.url("/api/identity/sessions")).then();
    }
}

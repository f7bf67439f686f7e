package org.esscard.simulator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.assertj.core.api.Assertions;
import org.esscard.problem.Problem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class IdentityVendorResourceTests {

    private static final String DEFAULT_SUBJECT = "W3101202400012345";
    private static final String DEFAULT_NAME = "SMITH JOHN-PAUL";
    private static final String DEFAULT_PASSPORT = "533380006";
    private static final String DEFAULT_TICKET = "liveness-7f3a9c";
    private static final String DEFAULT_CARD = "6222021234567890128";
    private static final String DEFAULT_MOBILE = "+8613800138000";

    @BeforeEach
    void clean() {
        given().delete("/sim/script").then().statusCode(204);
        given().delete("/sim/checks").then().statusCode(204);
    }

    @Test
    void everyIdentityPassesByDefault() {
        compareFace(DEFAULT_SUBJECT).statusCode(200)
                .body("requestId", startsWith("face-"))
                .body("match", is(true))
                .body("score", is(0.96f));
        checkBank(DEFAULT_CARD).statusCode(200).body("requestId", startsWith("bank-")).body("result", is("MATCH"));
        checkCarrier(DEFAULT_MOBILE).statusCode(200).body("requestId", startsWith("carrier-")).body("result", is("MATCH"));
    }

    @Test
    void faceScriptedToFailNeverMatches() {
        script("face", DEFAULT_SUBJECT, Map.of("outcome", "FAIL")).statusCode(200)
                .body("vendor", is("face")).body("key", is(DEFAULT_SUBJECT)).body("outcome", is("FAIL"));

        compareFace(DEFAULT_SUBJECT).statusCode(200).body("match", is(false)).body("score", is(0.31f));
        compareFace(DEFAULT_SUBJECT).statusCode(200).body("match", is(false));
        compareFace("W-SOMEONE-ELSE").statusCode(200).body("match", is(true));
    }

    @Test
    void failNextFailsThatManyThenPasses() {
        script("face", DEFAULT_SUBJECT, Map.of("failNext", 3)).statusCode(200);

        for (int i = 0; i < 3; i++) {
            compareFace(DEFAULT_SUBJECT).statusCode(200).body("match", is(false));
        }
        compareFace(DEFAULT_SUBJECT).statusCode(200).body("match", is(true));
    }

    @Test
    void concurrentChecksNeverTakeTheSameScriptedFailure() throws Exception {
        script("face", DEFAULT_SUBJECT, Map.of("failNext", 5)).statusCode(200);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> compareFace(DEFAULT_SUBJECT).statusCode(200).extract().<Boolean>path("match")));
            }
            long failures = 0;
            for (Future<Boolean> result : results) {
                failures += result.get() ? 0 : 1;
            }
            Assertions.assertThat(failures).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void bankCardScriptedAsMismatchedIsMismatchedWhateverItsSpacing() {
        script("bank", "6222 0212 3456 7890 128", Map.of("outcome", "MISMATCH")).statusCode(200)
                .body("key", is("***************0128"));

        checkBank(DEFAULT_CARD).statusCode(200).body("result", is("MISMATCH"));
        checkBank("6222021234567890110").statusCode(200).body("result", is("MATCH"));
    }

    @Test
    void carrierScriptMatchesTheNumberWithOrWithoutCountryCode() {
        script("carrier", "13800138000", Map.of("outcome", "MISMATCH")).statusCode(200);

        checkCarrier(DEFAULT_MOBILE).statusCode(200).body("result", is("MISMATCH"));
        checkCarrier("8613800138000").statusCode(200).body("result", is("MISMATCH"));
        checkCarrier("+8613900139000").statusCode(200).body("result", is("MATCH"));
    }

    @Test
    void errorAnswersTheScriptedStatusAsAProblem() {
        script("bank", DEFAULT_CARD, Map.of("outcome", "ERROR", "status", 502)).statusCode(200);

        checkBank(DEFAULT_CARD).statusCode(502)
                .contentType(Problem.MEDIA_TYPE)
                .body("code", is("SCRIPTED_FAILURE"));
        script("carrier", DEFAULT_MOBILE, Map.of("outcome", "ERROR")).statusCode(200);
        checkCarrier(DEFAULT_MOBILE).statusCode(503).body("code", is("SCRIPTED_FAILURE"));
    }

    @Test
    void delayHoldsTheAnswer() {
        script("face", DEFAULT_SUBJECT, Map.of("delayMillis", 400)).statusCode(200);

        long start = System.nanoTime();
        compareFace(DEFAULT_SUBJECT).statusCode(200).body("match", is(true));
        Assertions.assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(400);
    }

    @Test
    void passWithNothingPendingRemovesTheScript() {
        script("face", DEFAULT_SUBJECT, Map.of("outcome", "FAIL")).statusCode(200);
        script("bank", DEFAULT_CARD, Map.of("outcome", "MISMATCH")).statusCode(200);

        script("face", DEFAULT_SUBJECT, Map.of("outcome", "PASS")).statusCode(200);

        given().get("/sim/script/identities").then().statusCode(200)
                .body("size()", is(1))
                .body("[0].vendor", is("bank"))
                .body("[0].key", is("***************0128"));
        compareFace(DEFAULT_SUBJECT).statusCode(200).body("match", is(true));
    }

    @Test
    void resetMakesEveryIdentityPassAgain() {
        script("face", DEFAULT_SUBJECT, Map.of("outcome", "FAIL")).statusCode(200);
        script("carrier", DEFAULT_MOBILE, Map.of("outcome", "MISMATCH")).statusCode(200);

        given().delete("/sim/script").then().statusCode(204);

        compareFace(DEFAULT_SUBJECT).statusCode(200).body("match", is(true));
        checkCarrier(DEFAULT_MOBILE).statusCode(200).body("result", is("MATCH"));
        given().get("/sim/script/identities").then().statusCode(200).body("size()", is(0));
    }

    @Test
    void checksReceivedAreListedWithCardNumbersMasked() {
        script("bank", DEFAULT_CARD, Map.of("outcome", "MISMATCH")).statusCode(200);
        compareFace(DEFAULT_SUBJECT).statusCode(200);
        checkBank(DEFAULT_CARD).statusCode(200);
        checkCarrier(DEFAULT_MOBILE).statusCode(200);

        given().get("/sim/checks").then().statusCode(200)
                .body("vendor", org.hamcrest.Matchers.contains("face", "bank", "carrier"));
        given().queryParam("vendor", "bank").queryParam("identity", DEFAULT_CARD).get("/sim/checks").then().statusCode(200)
                .body("size()", is(1))
                .body("[0].identity", is("***************0128"))
                .body("[0].outcome", is("FAIL"));
        given().queryParam("vendor", "bank").queryParam("identity", "6222021234567890110").get("/sim/checks")
                .then().statusCode(200).body("size()", is(0));
    }

    @Test
    void missingFieldsAreAValidationProblem() {
        given().contentType(ContentType.JSON).body(Map.of("name", DEFAULT_NAME))
                .post("/sim/bank/verifications")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("code", is("VALIDATION_FAILED"))
                .body("errors.field", containsInAnyOrder("cardNumber", "idNumber", "mobile"));
        given().contentType(ContentType.JSON).body(Map.of("subjectId", DEFAULT_SUBJECT))
                .post("/sim/face/compare")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("livenessTicket"));
    }

    @Test
    void aScriptMustSaySomethingAndNameAKnownOutcome() {
        script("face", DEFAULT_SUBJECT, Map.of()).statusCode(400).body("code", is("VALIDATION_FAILED"))
                .body("errors[0].field", is("scripted"));
        script("face", DEFAULT_SUBJECT, Map.of("outcome", "MAYBE")).statusCode(400).body("code", is("MALFORMED_JSON"))
                .body("errors[0].field", is("outcome"));
        given().queryParam("vendor", "fax").get("/sim/checks").then().statusCode(400).body("errors[0].field", is("vendor"));
    }

    private static ValidatableResponse script(String vendor, String identity, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .put("/sim/script/{vendor}/{identity}", vendor, identity)
                .then();
    }

    private static ValidatableResponse compareFace(String subject) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("subjectId", subject, "name", DEFAULT_NAME, "livenessTicket", DEFAULT_TICKET))
                .post("/sim/face/compare")
                .then();
    }

    private static ValidatableResponse checkBank(String card) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", DEFAULT_NAME, "idType", "PASSPORT", "idNumber", DEFAULT_PASSPORT, "cardNumber", card,
                        "mobile", DEFAULT_MOBILE))
                .post("/sim/bank/verifications")
                .then();
    }

    private static ValidatableResponse checkCarrier(String mobile) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", DEFAULT_NAME, "idType", "PASSPORT", "idNumber", DEFAULT_PASSPORT, "mobile", mobile))
                .post("/sim/carrier/verifications")
                .then();
    }
}

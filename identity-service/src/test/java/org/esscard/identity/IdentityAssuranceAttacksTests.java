package org.esscard.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.esscard.identity.support.People.Person;
import org.esscard.identity.support.People;
import org.esscard.identity.support.PermitEvents;
import org.esscard.identity.support.Sessions;
import org.esscard.identity.support.Simulator;
import org.esscard.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/**
 * Issue 13, tried as an attacker would: the bank-card answers must not tell which element was wrong (A17), and
 * requests sent in parallel must not get more vendor comparisons than the counted attempts allow (A18), and bad paging
 * parameters are bad input, not a missing resource (A19).
 */
@QuarkusTest
class IdentityAssuranceAttacksTests {

    private static final int MAX_FACE_FAILURES = 6;
    private static final int CHECKS_PER_METHOD = 3;
    private static final int PARALLEL = 10;
    private static final int VENDOR_DELAY_MILLIS = 400;

    @Inject
    AgroalDataSource dataSource;

    /**
     * A17: someone holding a card and a guess at its owner's passport number tries both. Before, a wrong passport
     * number answered PASSPORT_MISMATCH and a card the bank refused BANK_VERIFICATION_FAILED: the answer told which
     * element was right. Now every failed bank-card check answers the same.
     */
    @Test
    void A17_bankCardOracle() {
        Person person = known();
        String wrongPassport = faceClosedSession(person);
        String cardRefused = faceClosedSession(person);
        String refusedCard = People.newCard();
        Simulator.bank(refusedCard, Map.of("outcome", "MISMATCH"));

        Map<String, Object> passport = new HashMap<>(Map.of("passportNumber", "X99999999", "cardNumber", People.newCard(),
                "mobile", People.newMobile()));
        Map<String, Object> card = new HashMap<>(Map.of("passportNumber", person.passportNumber(), "cardNumber", refusedCard,
                "mobile", People.newMobile()));

        Map<String, Object> byPassport = problem(Sessions.bankCard(wrongPassport, passport).statusCode(422));
        Map<String, Object> byCard = problem(Sessions.bankCard(cardRefused, card).statusCode(422));

        assertThat(byPassport.get("code")).isEqualTo("BANK_VERIFICATION_FAILED");
        assertThat(byPassport).isEqualTo(byCard);
        assertThat(byPassport.get("remainingAttempts")).isEqualTo(CHECKS_PER_METHOD - 1);
    }

    /**
     * A18: ten face attempts sent at the same moment while the vendor takes its time. Before, each one reached the
     * vendor (ten comparisons against the person's photo for six counted attempts); now an attempt is reserved under
     * the person's counter lock before the vendor is asked, so at most six comparisons happen and exactly six count.
     */
    @Test
    void A18_parallelFaceAttemptsCannotOverspendTheSixAttempts() throws Exception {
        Person person = known();
        Simulator.face(person.permitNumber(), Map.of("outcome", "FAIL", "delayMillis", VENDOR_DELAY_MILLIS));
        String first = Sessions.openId(person, "PASSWORD_RESET");
        String second = Sessions.openId(person, "PASSWORD_RESET");

        List<String> codes = FaceVerificationTests.concurrently(PARALLEL,
                i -> Sessions.face(i % 2 == 0 ? first : second).extract().path("code"));

        assertThat(Simulator.checks("face", person.permitNumber())).isLessThanOrEqualTo(MAX_FACE_FAILURES);
        assertThat(codes).filteredOn("FACE_FAILED"::equals).hasSizeLessThanOrEqualTo(MAX_FACE_FAILURES - 1);
        assertThat(codes).allMatch(c -> List.of("FACE_FAILED", "FACE_LOCKED", "VERIFICATION_IN_PROGRESS").contains(c));
        // every comparison made was counted, none was made beyond the six
        assertThat(failures(person)).isEqualTo(Simulator.checks("face", person.permitNumber()));
    }

    /** A18: the same for bank-card checks of one session: three checks, three questions to the bank at most. */
    @Test
    void A18_parallelBankCardChecksCannotOverspendTheThreeChecks() throws Exception {
        Person person = known();
        String id = faceClosedSession(person);
        String card = People.newCard();
        Simulator.bank(card, Map.of("outcome", "MISMATCH", "delayMillis", VENDOR_DELAY_MILLIS));

        List<Integer> statuses = FaceVerificationTests.concurrently(PARALLEL, i -> Sessions.bankCard(id,
                new HashMap<>(Map.of("passportNumber", person.passportNumber(), "cardNumber", card, "mobile", People.newMobile())))
                .extract().statusCode());

        assertThat(Simulator.checks("bank", card)).isLessThanOrEqualTo(CHECKS_PER_METHOD);
        assertThat(statuses).filteredOn(s -> s == 422).hasSizeLessThanOrEqualTo(CHECKS_PER_METHOD);
    }

    /**
     * A19: a paging parameter that is not a number (size=abc) answered 404 Not Found, as if the trail did not exist;
     * it is bad input: 400 VALIDATION_FAILED naming the parameter, like one out of range.
     */
    @Test
    void A19_badPagingParametersAre400() {
        for (String size : List.of("abc", "1e3", "99999999999")) {
            given().auth().oauth2(TestTokens.support()).when().get("/api/identity/audit?permit=W1&size=" + size).then()
                    .statusCode(400).contentType("application/problem+json").body("code", equalTo("VALIDATION_FAILED"))
                    .body("detail", containsString("size"));
        }
        given().auth().oauth2(TestTokens.support()).when().get("/api/identity/audit?permit=W1&size=0").then()
                .statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
    }

    private Person known() {
        Person person = People.newPerson();
        PermitEvents.issued(dataSource, person);
        return person;
    }

    private int failures(Person person) {
        try (var c = dataSource.getConnection(); var s = c.prepareStatement(
                "select coalesce(max(consecutive_failures), 0) from face_attempt_counter where permit_number = ?")) {
            s.setString(1, person.permitNumber());
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static String faceClosedSession(Person person) {
        String id = Sessions.openId(person, "REGISTRATION");
        if (Sessions.get(id).extract().<Integer>path("faceAttemptsRemaining") > 0) {
            Sessions.closeFace(person, id);
        }
        return id;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> problem(ValidatableResponse response) {
        Map<String, Object> body = new HashMap<>(response.extract().as(Map.class));
        // each request has its own: the path and the trace id tell nothing about the account
        body.remove("instance");
        body.remove("traceId");
        return body;
    }
}

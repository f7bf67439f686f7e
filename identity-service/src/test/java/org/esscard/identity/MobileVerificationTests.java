package org.esscard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.events.identity.IdentityVerified;
import org.esscard.events.identity.VerificationMethod;
import org.esscard.events.identity.VerificationPurpose;
import org.esscard.identity.support.IdentityEvents;
import org.esscard.identity.support.People.Person;
import org.esscard.identity.support.People;
import org.esscard.identity.support.PermitEvents;
import org.esscard.identity.support.Sessions;
import org.esscard.identity.support.Simulator;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Mobile verification (R8), bank card as its fallback (R9), and real-name verification of physical card holders (R10). */
@QuarkusTest
class MobileVerificationTests {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void R10_realNameVerificationOffersBankCardAndMobileAndNoFace() {
        Person person = known();

        String id = Sessions.open(person, "REAL_NAME").statusCode(201)
                .body("openMethods", contains("BANK_CARD", "MOBILE"))
                .extract().path("sessionId");

        Sessions.face(id).statusCode(409).body("code", equalTo("METHOD_NOT_OPEN")).body("nextMethods", contains("BANK_CARD", "MOBILE"));
    }

    @Test
    void R8_mobileThenSmsCodeVerifiesThePerson() {
        Person person = known();
        String id = Sessions.openId(person, "REAL_NAME");
        String mobile = People.newMobile();

        Sessions.mobile(id, mobile.substring(3)).statusCode(202)
                .body("pendingCode.method", equalTo("MOBILE"))
                .body("mobileChecksRemaining", equalTo(2));
        assertThat(Simulator.checks("carrier", mobile)).isEqualTo(1);
        Sessions.code(id, Simulator.lastCode(mobile)).statusCode(200)
                .body("status", equalTo("VERIFIED")).body("verifiedMethod", equalTo("MOBILE"));

        List<CloudEvent> events = IdentityEvents.of(person.permitNumber(), 1);
        IdentityVerified verified = events.get(0).dataAs(IdentityVerified.class, EventJson.mapper());
        assertThat(verified.purpose()).isEqualTo(VerificationPurpose.REAL_NAME);
        assertThat(verified.method()).isEqualTo(VerificationMethod.MOBILE);
    }

    @Test
    void R10_realNameVerificationByBankCard() {
        Person person = known();
        String id = Sessions.openId(person, "REAL_NAME");
        String mobile = People.newMobile();

        Sessions.bankCard(id, person, People.newCard(), mobile).statusCode(202);
        Sessions.code(id, Simulator.lastCode(mobile)).statusCode(200).body("verifiedMethod", equalTo("BANK_CARD"));
    }

    @Test
    void R8_theNumberMustBeAChinaMobileNumber() {
        Person person = known();
        String id = Sessions.openId(person, "REAL_NAME");

        for (String number : List.of("12345", "+1 415 555 0100", "+86 10 8888 8888", "1380013800x")) {
            Sessions.mobile(id, number).statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("MOBILE_INVALID"))
                    .body("detail", containsString("SIM card obtained in China"));
        }
        Sessions.get(id).statusCode(200).body("mobileChecksRemaining", equalTo(3));
    }

    @Test
    void R9_aNumberTheCarrierDoesNotConfirmOffersBankCard() {
        Person person = known();
        String id = Sessions.openId(person, "REGISTRATION");
        Sessions.closeFace(person, id);
        String card = People.newCard();
        Simulator.bank(card, Map.of("outcome", "MISMATCH"));
        Sessions.bankCard(id, person, card, People.newMobile()).statusCode(422).body("nextMethods", contains("BANK_CARD", "MOBILE"));
        String mobile = People.newMobile();
        Simulator.carrier(mobile, Map.of("outcome", "MISMATCH"));

        Sessions.mobile(id, mobile).statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("MOBILE_VERIFICATION_FAILED"))
                .body("remainingAttempts", equalTo(2))
                .body("nextMethods", contains("BANK_CARD", "MOBILE"))
                .body("detail", containsString("bank card"));

        String other = People.newMobile();
        Sessions.bankCard(id, person, People.newCard(), other).statusCode(202);
        Sessions.code(id, Simulator.lastCode(other)).statusCode(200).body("verifiedMethod", equalTo("BANK_CARD"));
    }

    @Test
    void R9_mobileIsNotOfferedAfterFaceClosedUntilBankCardFails() {
        Person person = known();
        String id = Sessions.openId(person, "REGISTRATION");
        Sessions.closeFace(person, id);

        Sessions.mobile(id, People.newMobile()).statusCode(409)
                .body("code", equalTo("METHOD_NOT_OPEN"))
                .body("nextMethods", contains("BANK_CARD"));
    }

    @Test
    void R10_realNameVerificationIsOnlyForAValidPermit() {
        Person person = known();
        PermitEvents.cancelled(dataSource, person, 1);

        Sessions.open(person, "REAL_NAME").statusCode(403).body("code", equalTo("PERMIT_NOT_VALID"));
        Sessions.open(person, "REGISTRATION").statusCode(403).body("code", equalTo("PERMIT_NOT_VALID"));
        Sessions.open(person, "PASSWORD_RESET").statusCode(201);
    }

    @Test
    void aCarrierThatDoesNotAnswerCountsNoCheck() {
        Person person = known();
        String id = Sessions.openId(person, "REAL_NAME");
        String mobile = People.newMobile();
        Simulator.carrier(mobile, Map.of("outcome", "ERROR", "status", 502));

        Sessions.mobile(id, mobile).statusCode(503).body("code", equalTo("PROVIDER_UNAVAILABLE"));

        Sessions.get(id).statusCode(200).body("mobileChecksRemaining", equalTo(3));
    }

    private Person known() {
        Person person = People.newPerson();
        PermitEvents.issued(dataSource, person);
        return person;
    }
}

package org.esscard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.events.identity.IdentityVerified;
import org.esscard.events.identity.VerificationLocked;
import org.esscard.events.identity.VerificationMethod;
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

/** Bank-card verification (R7) after face closed, with its SMS code, and mobile as its fallback (R9). */
@QuarkusTest
class BankCardVerificationTests {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void R7_bankCardThenSmsCodeVerifiesThePersonAfterFaceClosed() {
        Person person = known();
        String id = Sessions.openId(person, "REGISTRATION");
        Sessions.closeFace(person, id);
        String card = People.newCard();
        String mobile = People.newMobile();

        Sessions.bankCard(id, person, card, mobile).statusCode(202)
                .body("status", equalTo("OPEN"))
                .body("pendingCode.method", equalTo("BANK_CARD"))
                .body("pendingCode.sentTo", equalTo(mobile.substring(0, 6) + "****" + mobile.substring(10)))
                .body("pendingCode.cardLastFour", equalTo(card.substring(15)))
                .body("pendingCode.attemptsRemaining", equalTo(5))
                .body("bankCardChecksRemaining", equalTo(2));
        String code = Simulator.lastCode(mobile);
        assertThat(code).matches("\\d{6}");
        assertThat(Simulator.sms(mobile).get(0)).contains("eSSCard verification code").contains("验证码");

        Sessions.code(id, code).statusCode(200)
                .body("status", equalTo("VERIFIED"))
                .body("verifiedMethod", equalTo("BANK_CARD"))
                .body("pendingCode", equalTo(null));

        List<CloudEvent> events = IdentityEvents.of(person.permitNumber(), 2);
        assertThat(events).extracting(CloudEvent::type).containsExactly(VerificationLocked.TYPE, IdentityVerified.TYPE);
        IdentityVerified verified = events.get(1).dataAs(IdentityVerified.class, EventJson.mapper());
        assertThat(verified.method()).isEqualTo(VerificationMethod.BANK_CARD);
        assertThat(verified.sessionId()).isEqualTo(id);
    }

    @Test
    void R7_theBankIsAskedToConfirmTheFourElements() {
        Person person = known();
        String id = faceClosedSession(person);
        String card = People.newCard();

        Sessions.bankCard(id, person, card, People.newMobile()).statusCode(202);

        assertThat(Simulator.checks("bank", card)).isEqualTo(1);
    }

    @Test
    void R7_aCardNumberThatIsNotUnionPayIsRefusedBeforeAnyVendorCall() {
        Person person = known();
        String id = faceClosedSession(person);
        String valid = People.newCard();
        String badChecksum = valid.substring(0, 18) + ((valid.charAt(18) - '0' + 1) % 10);
        String visa = "4" + valid.substring(1, 18) + People.luhnDigit("4" + valid.substring(1, 18));

        Sessions.bankCard(id, person, "6222 0212 3456", People.newMobile()).statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("BANK_CARD_INVALID")).body("reason", equalTo("FORMAT"))
                .body("detail", containsString("UnionPay"));
        Sessions.bankCard(id, person, badChecksum, People.newMobile()).statusCode(400)
                .body("code", equalTo("BANK_CARD_INVALID")).body("reason", equalTo("CHECKSUM"));
        Sessions.bankCard(id, person, visa, People.newMobile()).statusCode(400)
                .body("code", equalTo("BANK_CARD_INVALID")).body("reason", equalTo("NOT_UNIONPAY"));

        assertThat(Simulator.checks("bank", badChecksum)).isZero();
        assertThat(Simulator.checks("bank", visa)).isZero();
        Sessions.get(id).statusCode(200).body("bankCardChecksRemaining", equalTo(3)).body("openMethods", contains("BANK_CARD"));
    }

    @Test
    void R7_cardNumbersWithSpacesAreAccepted() {
        Person person = known();
        String id = faceClosedSession(person);
        String card = People.newCard();
        String spaced = card.substring(0, 4) + " " + card.substring(4, 8) + " " + card.substring(8, 12) + " " + card.substring(12);

        Sessions.bankCard(id, person, spaced, People.newMobile()).statusCode(202);
    }

    @Test
    void R7_theBankReservedMobileMustBeAChinaMobileNumber() {
        Person person = known();
        String id = faceClosedSession(person);

        Sessions.bankCard(id, person, People.newCard(), "+44 7700 900123").statusCode(400)
                .body("code", equalTo("MOBILE_INVALID"));
    }

    @Test
    void R7_thePassportNumberMustBeThePermits() {
        Person person = known();
        String id = faceClosedSession(person);
        String card = People.newCard();
        Map<String, Object> body = new HashMap<>(Map.of("passportNumber", "X99999999", "cardNumber", card,
                "mobile", People.newMobile()));

        // the same answer as a card the bank refuses (A17): it must not tell which element was wrong
        Sessions.bankCard(id, body).statusCode(422)
                .body("code", equalTo("BANK_VERIFICATION_FAILED"))
                .body("remainingAttempts", equalTo(2))
                .body("nextMethods", containsInAnyOrder("BANK_CARD", "MOBILE"));
        // the bank is asked all the same, so that neither does the time the answer takes
        assertThat(Simulator.checks("bank", card)).isEqualTo(1);
    }

    @Test
    void R7_theNameIfGivenMustBeTheSessionsExactly() {
        Person person = known();
        String id = faceClosedSession(person);
        Map<String, Object> body = new HashMap<>(Map.of("name", "SMITH JOHN PAUL", "passportNumber", person.passportNumber(),
                "cardNumber", People.newCard(), "mobile", People.newMobile()));

        Sessions.bankCard(id, body).statusCode(422).body("code", equalTo("NAME_MISMATCH"));
    }

    @Test
    void R7_bankCardIsNotOfferedWhileFaceIsOpen() {
        Person person = known();
        String id = Sessions.openId(person, "REGISTRATION");

        Sessions.bankCard(id, person, People.newCard(), People.newMobile()).statusCode(409)
                .body("code", equalTo("METHOD_NOT_OPEN"))
                .body("nextMethods", contains("FACE"));
    }

    @Test
    void R9_aBankCardTheBankDoesNotConfirmOffersMobile() {
        Person person = known();
        String id = faceClosedSession(person);
        String card = People.newCard();
        Simulator.bank(card, Map.of("outcome", "MISMATCH"));

        Sessions.bankCard(id, person, card, People.newMobile()).statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("BANK_VERIFICATION_FAILED"))
                .body("remainingAttempts", equalTo(2))
                .body("nextMethods", contains("BANK_CARD", "MOBILE"))
                .body("detail", containsString("mobile number"));

        String mobile = People.newMobile();
        Sessions.mobile(id, mobile).statusCode(202).body("pendingCode.method", equalTo("MOBILE"));
        Sessions.code(id, Simulator.lastCode(mobile)).statusCode(200)
                .body("status", equalTo("VERIFIED")).body("verifiedMethod", equalTo("MOBILE"));
    }

    @Test
    void R7_aSessionMakesAtMostThreeBankCardChecks() {
        Person person = known();
        String id = faceClosedSession(person);
        for (int left = 2; left >= 0; left--) {
            String card = People.newCard();
            Simulator.bank(card, Map.of("outcome", "MISMATCH"));
            Sessions.bankCard(id, person, card, People.newMobile()).statusCode(422).body("remainingAttempts", equalTo(left));
        }

        Sessions.bankCard(id, person, People.newCard(), People.newMobile()).statusCode(409)
                .body("code", equalTo("METHOD_NOT_OPEN")).body("nextMethods", contains("MOBILE"));
        Sessions.get(id).statusCode(200).body("openMethods", contains("MOBILE")).body("bankCardChecksRemaining", equalTo(0));
    }

    @Test
    void aBankThatDoesNotAnswerCountsNoCheck() {
        Person person = known();
        String id = faceClosedSession(person);
        String card = People.newCard();
        Simulator.bank(card, Map.of("outcome", "ERROR"));

        Sessions.bankCard(id, person, card, People.newMobile()).statusCode(503)
                .body("code", equalTo("PROVIDER_UNAVAILABLE")).body("detail", containsString("bank"));

        Sessions.get(id).statusCode(200).body("bankCardChecksRemaining", equalTo(3)).body("openMethods", contains("BANK_CARD"));
    }

    @Test
    void theSessionViewNeverShowsTheFullCardOrNumber() {
        Person person = known();
        String id = faceClosedSession(person);
        String card = People.newCard();
        String mobile = People.newMobile();

        String body = Sessions.bankCard(id, person, card, mobile).statusCode(202).extract().asString();

        assertThat(body).doesNotContain(card).doesNotContain(mobile).doesNotContain(person.passportNumber());
        Sessions.get(id).body("pendingCode.sentTo", matchesPattern("\\+86139\\*{4}\\d{4}"));
    }

    private Person known() {
        Person person = People.newPerson();
        PermitEvents.issued(dataSource, person);
        return person;
    }

    private static String faceClosedSession(Person person) {
        String id = Sessions.openId(person, "REGISTRATION");
        Sessions.closeFace(person, id);
        return id;
    }
}

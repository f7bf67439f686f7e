package org.esscard.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.esscard.account.support.Events;
import org.esscard.account.support.Holders;
import org.esscard.account.support.Registrations.Registered;
import org.esscard.account.support.Registrations;
import org.esscard.account.support.Verifications;
import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.events.Topics;
import org.esscard.events.account.AccountRegistered;
import org.esscard.events.identity.IdentityVerified;
import org.esscard.events.identity.VerificationMethod;
import org.esscard.events.identity.VerificationPurpose;
import org.esscard.events.permit.PermitIssued;
import org.esscard.events.permit.PermitStatus;
import org.esscard.events.permit.PermitUpdated;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Registration with the real identity-service (R1, R5, R10): the form opens sessions there, the app passes face
 * (or bank card, mobile) through account-service's relay, and {@code IdentityVerified} activates the account.
 */
@QuarkusTest
class RegistrationVerificationTests {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void R1_registerWithNamePermitAndPasswordThenFaceIssuesTheCard() {
        String permit = Holders.permit(dataSource, Holders.NAME);

        Registered registered = Registrations.register(Holders.NAME, permit, Holders.PASSWORD, null);
        assertThat(registered.sessions()).containsOnlyKeys("REGISTRATION");
        assertThat(Registrations.status(registered.accountId())).isEqualTo("PENDING_IDENTITY");
        // the password is right, but the registration is unfinished: only now does the caller learn so
        Holders.login(permit, Holders.PASSWORD, Holders.newAddress())
                .statusCode(409).body("code", equalTo("VERIFICATION_PENDING")).body("accountId", equalTo(registered.accountId()));
        Holders.login(permit, "Wrong#2026", Holders.newAddress()).statusCode(401).body("code", equalTo("INVALID_CREDENTIALS"));

        Verifications.face(registered.session("REGISTRATION"))
                .statusCode(200).body("status", equalTo("VERIFIED")).body("verifiedMethod", equalTo("FACE"));
        Registrations.awaitActive(registered.accountId());

        String token = Holders.login(permit, Holders.PASSWORD, Holders.newAddress()).statusCode(200).extract().path("access_token");
        String card = Holders.from(Holders.newAddress()).auth().oauth2(token).when().get("/api/accounts/card")
                .then().statusCode(200).body("permitNumber", equalTo(permit)).body("holderName", equalTo(Holders.NAME))
                .body("cardNumber", startsWith("ES")).extract().path("cardNumber");
        List<CloudEvent> events = Events.accountEvents(registered.accountId(), e -> !e.isEmpty());
        AccountRegistered event = events.get(0).dataAs(AccountRegistered.class, EventJson.mapper());
        assertThat(event.permitNumber()).isEqualTo(permit);
        assertThat(event.mobile()).as("face proves no mobile number").isNull();
        assertThat(event.cardNumber()).isEqualTo(card);
        assertThat(event.holderName()).isEqualTo(Holders.NAME);
        // registered once: a second registration of the permit is refused
        Holders.from(Holders.newAddress()).body(Map.of("name", Holders.NAME, "permitNumber", permit, "password", Holders.PASSWORD))
                .when().post("/api/accounts/registrations").then().statusCode(409).body("code", equalTo("ACCOUNT_EXISTS"));
    }

    @Test
    void R10_physicalCardHolderAlsoPassesRealNameVerificationAndThenLogsInWithTheSocialSecurityNumber() throws Exception {
        String permit = Holders.permit(dataSource, Holders.NAME);
        String ssn = Holders.newSocialSecurityNumber();

        Registered registered = Registrations.register(Holders.NAME, permit, Holders.PASSWORD, ssn);
        assertThat(registered.sessions()).containsOnlyKeys("REGISTRATION", "REAL_NAME");
        Holders.from(Holders.newAddress()).when().get("/api/accounts/verifications/{id}", registered.session("REAL_NAME"))
                .then().statusCode(200).body("openMethods", hasItem("MOBILE")).body("openMethods", hasItem("BANK_CARD"));

        Verifications.face(registered.session("REGISTRATION")).statusCode(200).body("status", equalTo("VERIFIED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Events.count(dataSource,
                "select count(*) from holder_account where id = ?::uuid and registration_verified_at is not null", registered.accountId()) == 1);
        // face alone is not enough for a holder of a physical card
        assertThat(Registrations.status(registered.accountId())).isEqualTo("PENDING_IDENTITY");

        String mobile = Verifications.newMobile();
        Verifications.mobile(registered.session("REAL_NAME"), mobile).statusCode(202);
        Verifications.code(registered.session("REAL_NAME"), Verifications.lastCode(mobile))
                .statusCode(200).body("status", equalTo("VERIFIED")).body("verifiedMethod", equalTo("MOBILE"));
        Registrations.awaitActive(registered.accountId());
        assertThat(Events.accountEvents(registered.accountId(), e -> !e.isEmpty()).get(0)
                .dataAs(AccountRegistered.class, EventJson.mapper()).mobile()).isEqualTo(mobile);

        Holders.loginBySsn(ssn, Holders.PASSWORD, Holders.newAddress()).statusCode(200);
        Holders.login(permit, Holders.PASSWORD, Holders.newAddress()).statusCode(200);
    }

    @Test
    void R5_whenFaceClosesAfterSixFailuresTheBankCardCompletesRegistration() {
        String permit = Holders.permit(dataSource, Holders.NAME);
        Registered registered = Registrations.register(Holders.NAME, permit, Holders.PASSWORD, null);
        String session = registered.session("REGISTRATION");
        Verifications.scriptFace(permit, Map.of("outcome", "FAIL"));

        for (int remaining = 5; remaining >= 1; remaining--) {
            Verifications.face(session).statusCode(422).contentType("application/problem+json")
                    .body("code", equalTo("FACE_FAILED")).body("remainingAttempts", equalTo(remaining));
        }
        Verifications.face(session).statusCode(423).body("code", equalTo("FACE_LOCKED"));

        String mobile = Verifications.newMobile();
        Verifications.bankCard(session, Holders.NAME, Verifications.newCard(), mobile).statusCode(202);
        Verifications.code(session, Verifications.lastCode(mobile)).statusCode(200).body("verifiedMethod", equalTo("BANK_CARD"));
        Registrations.awaitActive(registered.accountId());
        // the number the bank holds and the SMS code proved is the one reminders may go to
        AccountRegistered event = Events.accountEvents(registered.accountId(), e -> !e.isEmpty()).get(0)
                .dataAs(AccountRegistered.class, EventJson.mapper());
        assertThat(event.mobile()).isEqualTo(mobile);
    }

    @Test
    void R3_aNameTheAuthorityCorrectedOnThePermitRegisters() {
        String permit = Holders.newPermitNumber();
        CloudEvent issued = Events.publish(Topics.PERMIT_EVENTS, Events.PERMIT_SERVICE,
                new PermitIssued(Events.permit(permit, "SMITH JOHN PAUL", PermitStatus.ACTIVE, LocalDate.now().plusYears(1), 0)));
        Events.awaitConsumed(dataSource, issued);
        RegistrationTests.register(Holders.NAME, permit, Holders.PASSWORD, Holders.newAddress())
                .statusCode(400).body("code", equalTo("NAME_MISMATCH"));

        CloudEvent amended = Events.publish(Topics.PERMIT_EVENTS, Events.PERMIT_SERVICE, new PermitUpdated(
                Events.permit(permit, Holders.NAME, PermitStatus.ACTIVE, LocalDate.now().plusYears(1), 1), PermitUpdated.AMENDED));
        Events.awaitConsumed(dataSource, amended);

        Registrations.register(Holders.NAME, permit, Holders.PASSWORD, null);
    }

    @Test
    void registeringAgainWhilePendingReplacesThePasswordAndOnlyTheNewestSessionCounts() {
        String permit = Holders.permit(dataSource, Holders.NAME);
        Registered first = Registrations.register(Holders.NAME, permit, "First#2026", null);
        Registered second = Registrations.register(Holders.NAME, permit, "Second#2026", null);
        assertThat(second.accountId()).isEqualTo(first.accountId());
        assertThat(second.session("REGISTRATION")).isNotEqualTo(first.session("REGISTRATION"));

        // the first session is no longer reachable through account-service, and its late success changes nothing
        Verifications.face(first.session("REGISTRATION")).statusCode(404);
        CloudEvent late = Events.publish(Topics.IDENTITY_EVENTS, Events.IDENTITY_SERVICE, new IdentityVerified(first.session("REGISTRATION"),
                VerificationPurpose.REGISTRATION, permit, first.accountId(), VerificationMethod.FACE, Instant.now()));
        Events.awaitConsumed(dataSource, late);
        assertThat(Registrations.status(first.accountId())).isEqualTo("PENDING_IDENTITY");

        Verifications.face(second.session("REGISTRATION")).statusCode(200);
        Registrations.awaitActive(second.accountId());

        Holders.login(permit, "First#2026", Holders.newAddress()).statusCode(401);
        Holders.login(permit, "Second#2026", Holders.newAddress()).statusCode(200);
    }

    @Test
    void onlySessionsOfUnfinishedRegistrationsAreRelayed() throws Exception {
        Holders.from(Holders.newAddress()).when().get("/api/accounts/verifications/{id}", "00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        Holders.Holder holder = Registrations.registeredHolder(dataSource, Holders.PASSWORD);
        String session = Events.string(dataSource, "select registration_session_id from holder_account where id = ?::uuid",
                holder.accountId());
        Verifications.face(session).statusCode(404);
    }
}

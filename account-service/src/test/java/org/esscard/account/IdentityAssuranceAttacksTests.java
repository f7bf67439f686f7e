package org.esscard.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.esscard.account.service.credential.PasswordHasher;
import org.esscard.account.support.Events;
import org.esscard.account.support.Holders;
import org.esscard.account.support.Registrations.Registered;
import org.esscard.account.support.Registrations;
import org.esscard.account.support.Verifications;
import org.esscard.platform.testing.TestClock;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/**
 * Issue 13, tried as an attacker would against account-service, with the packaged identity-service and the provider
 * simulator behind it: takeover of a permit by a name match (A1), social security numbers squatted by a pending
 * registration (A5), reset floods (A7), a registration read by anyone who knows its id (A13).
 */
@QuarkusTest
class IdentityAssuranceAttacksTests {

    private static final String NEWCOMER = "NEWCOMER X";
    private static final String ATTACKER_PASSWORD = "Attacker#2026";
    private static final PasswordHasher HASHER = new PasswordHasher();

    @Inject
    AgroalDataSource dataSource;

    /**
     * A1: a permit is issued to NEWCOMER X, who has not finished registering. Support imports an account of the same
     * name (here even told X's permit number), which logs in and binds X's permit. Before: 200 and a token with X's
     * permit on a name match alone, and X's pending registration deleted. Now the binding is a verification of X
     * (face) in a PERMIT_BINDING session: without X's face there is no token with the permit, and X's registration
     * stays and completes with X's own face.
     */
    @Test
    void A1_takeoverByBinding() throws Exception {
        String permit = Holders.permit(dataSource, NEWCOMER);
        Registered newcomer = Registrations.register(NEWCOMER, permit, Holders.PASSWORD, null);

        String ssn = Holders.newSocialSecurityNumber();
        given().auth().oauth2(Holders.supportToken()).contentType(ContentType.JSON)
                .body(Map.of("holderName", NEWCOMER, "socialSecurityNumber", ssn, "passwordHash", HASHER.hash(ATTACKER_PASSWORD),
                        "permitNumber", permit))
                .when().post("/api/accounts/support/holders").then().statusCode(201);
        String attacker = Holders.loginBySsn(ssn, ATTACKER_PASSWORD, Holders.newAddress()).statusCode(200).extract().path("access_token");

        ValidatableResponse started = Holders.startBinding(attacker, permit);
        started.statusCode(202).body("purpose", equalTo("PERMIT_BINDING")).body("access_token", equalTo(null));
        String session = started.extract().path("sessionId");
        Holders.from(Holders.newAddress()).auth().oauth2(attacker).when().post("/api/accounts/permit-binding/{id}", session)
                .then().statusCode(409).body("code", equalTo("VERIFICATION_PENDING"));
        // the attacker's face is not X's
        Verifications.scriptFace(permit, Map.of("failNext", 2));
        Verifications.face(session).statusCode(422).body("code", equalTo("FACE_FAILED"));
        Verifications.face(session).statusCode(422).body("code", equalTo("FACE_FAILED"));

        Holders.from(Holders.newAddress()).auth().oauth2(attacker).when().post("/api/accounts/permit-binding/{id}", session)
                .then().statusCode(409).body("code", equalTo("VERIFICATION_PENDING"));
        String again = Holders.loginBySsn(ssn, ATTACKER_PASSWORD, Holders.newAddress()).statusCode(200).extract().path("access_token");
        assertThat(HolderLoginTests.claims(again).hasClaim("permit")).isFalse();
        Holders.login(permit, ATTACKER_PASSWORD, Holders.newAddress()).statusCode(401);

        // X's own registration was not touched, and X's face completes it
        assertThat(Registrations.status(newcomer.accountId())).isEqualTo("PENDING_IDENTITY");
        Verifications.face(newcomer.session("REGISTRATION")).statusCode(200);
        Registrations.awaitActive(newcomer.accountId());
        String own = Holders.login(permit, Holders.PASSWORD, Holders.newAddress()).statusCode(200).extract().path("access_token");
        assertThat(HolderLoginTests.claims(own).getSubject()).isEqualTo(newcomer.accountId());
        // and the attacker's late verification, had it passed, would bind nothing now
        Holders.from(Holders.newAddress()).auth().oauth2(attacker).body(Map.of("permitNumber", permit))
                .when().post("/api/accounts/permit-binding").then().statusCode(409).body("code", equalTo("ACCOUNT_EXISTS"));
    }

    /**
     * A5: a stranger's registration, never verified, names the victim's social security number. Before, it reserved the
     * number for ever: the victim's own registration answered 409 ACCOUNT_EXISTS, and an R12 login by the number found the
     * stranger's account. Now only an ACTIVE account holds a number: the victim registers, verifies (R10) and logs in
     * with it; the stranger activating later does so without it.
     */
    @Test
    void A5_ssnSquatting() throws Exception {
        String ssn = Holders.newSocialSecurityNumber();
        String strangersPermit = Holders.permit(dataSource, Holders.NAME);
        Registered stranger = Registrations.register(Holders.NAME, strangersPermit, ATTACKER_PASSWORD, ssn);
        Holders.loginBySsn(ssn, ATTACKER_PASSWORD, Holders.newAddress()).statusCode(401).body("code", equalTo("INVALID_CREDENTIALS"));

        String victimsPermit = Holders.permit(dataSource, Holders.NAME);
        Registered victim = Registrations.register(Holders.NAME, victimsPermit, Holders.PASSWORD, ssn);
        Verifications.face(victim.session("REGISTRATION")).statusCode(200);
        realName(victim.session("REAL_NAME"));
        Registrations.awaitActive(victim.accountId());
        String token = Holders.loginBySsn(ssn, Holders.PASSWORD, Holders.newAddress()).statusCode(200).extract().path("access_token");
        assertThat(HolderLoginTests.claims(token).getSubject()).isEqualTo(victim.accountId());

        // the stranger verifies their own permit later: active, but without the number the victim holds
        Verifications.face(stranger.session("REGISTRATION")).statusCode(200);
        realName(stranger.session("REAL_NAME"));
        Registrations.awaitActive(stranger.accountId());
        assertThat(Events.string(dataSource, "select social_security_number from holder_account where id = ?::uuid",
                stranger.accountId())).isNull();
        Holders.loginBySsn(ssn, ATTACKER_PASSWORD, Holders.newAddress()).statusCode(401).body("code", equalTo("INVALID_CREDENTIALS"));
        String again = Holders.loginBySsn(ssn, Holders.PASSWORD, Holders.newAddress()).statusCode(200).extract().path("access_token");
        assertThat(HolderLoginTests.claims(again).getSubject()).isEqualTo(victim.accountId());
    }

    /**
     * A5: support's import must link the number to a known person: the permit or passport number of a permit record
     * under the same name. Before, any name and number were taken as they came.
     */
    @Test
    void A5_supportImportNeedsAPermitRecordOfThatPerson() {
        String permit = Holders.permit(dataSource, Holders.NAME);
        importing(Map.of()).statusCode(400).body("code", equalTo("IMPORT_NOT_MATCHED"));
        importing(Map.of("permitNumber", Holders.newPermitNumber())).statusCode(400).body("code", equalTo("IMPORT_NOT_MATCHED"));
        importing(Map.of("holderName", "SMITH JOHN PAUL", "permitNumber", permit)).statusCode(400)
                .body("code", equalTo("IMPORT_NOT_MATCHED"));
        importing(Map.of("passportNumber", "X00000000")).statusCode(400).body("code", equalTo("IMPORT_NOT_MATCHED"));

        importing(Map.of("permitNumber", permit)).statusCode(201).body("accountId", notNullValue());
        importing(Map.of("passportNumber", Verifications.PASSPORT.toLowerCase())).statusCode(201);
    }

    /** A5: a registration left pending expires (24 h): it is gone for its reader, its relay and the numbers it named. */
    @Test
    void A5_anExpiredPendingRegistrationBlocksNothing() {
        String ssn = Holders.newSocialSecurityNumber();
        String permit = Holders.permit(dataSource, Holders.NAME);
        Registered pending = Registrations.register(Holders.NAME, permit, Holders.PASSWORD, ssn);
        try {
            TestClock.CLOCK.advance(Duration.ofHours(25));
            given().header("X-Registration-Token", pending.registrationToken())
                    .when().get("/api/accounts/registrations/{id}", pending.accountId()).then().statusCode(404);
            Holders.from(Holders.newAddress()).when().get("/api/accounts/verifications/{id}", pending.session("REGISTRATION"))
                    .then().statusCode(404);
            // the holder who comes back registers again, number and all
            Registered again = Registrations.register(Holders.NAME, permit, Holders.PASSWORD, ssn);
            assertThat(again.accountId()).isNotNull();
        } finally {
            TestClock.CLOCK.reset();
        }
    }

    /**
     * A7: anyone who knows a name and permit number opened unlimited password-reset sessions (each with fresh
     * bank-card and mobile checks of the holder, and a budget of SMS codes), from one address or many. Now: three an
     * hour per account and address, then a slow-down across addresses; the holder's own reset, from an address they
     * logged in from, still opens and completes.
     */
    @Test
    void A7_resetFlood() {
        Holders.Holder holder = Registrations.registeredHolder(dataSource, Holders.PASSWORD);
        String home = Holders.newAddress();
        Holders.login(holder.permitNumber(), Holders.PASSWORD, home).statusCode(200);

        String attacker = Holders.newAddress();
        List<Integer> fromOne = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            fromOne.add(reset(holder, attacker).extract().statusCode());
        }
        assertThat(fromOne).containsExactly(201, 201, 201, 429, 429, 429);
        reset(holder, attacker).statusCode(429).contentType("application/problem+json").body("code", equalTo("TOO_MANY_RESETS"))
                .body("retryAfterSeconds", notNullValue()).header("Retry-After", notNullValue());

        // from ever new addresses: the account-wide slow-down
        List<Integer> fromMany = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fromMany.add(reset(holder, Holders.newAddress()).extract().statusCode());
        }
        assertThat(fromMany).filteredOn(s -> s == 201).hasSizeLessThanOrEqualTo(1);
        assertThat(fromMany).filteredOn(s -> s == 429).hasSizeGreaterThanOrEqualTo(4);

        // the holder's own reset opens, passes face and sets the new password
        String session = reset(holder, home).statusCode(201).extract().path("sessionId");
        Verifications.face(session).statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> Holders.from(home).body(Map.of("newPassword", "Renewed#2026"))
                .when().put("/api/accounts/password-resets/{id}", session).then().extract().statusCode() == 204);
        Holders.login(holder.permitNumber(), "Renewed#2026", home).statusCode(200);
    }

    /** A7: PIN-reset sessions are limited the same way, per account and address. */
    @Test
    void A7_pinResetFlood() {
        Holders.Holder holder = Holders.withPermit(dataSource);
        String token = Holders.accessToken(holder);
        String address = Holders.newAddress();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(Holders.from(address).auth().oauth2(token).when().post("/api/accounts/pin/reset").then().extract().statusCode());
        }
        assertThat(statuses).containsExactly(201, 201, 201, 429);
    }

    /**
     * A13: the status of a registration, with its session ids, answered anyone who knew the account id (which a login
     * with the right password tells). Now only the registration token of the form's answer reads it.
     */
    @Test
    void A13_registrationStatusWithoutToken() {
        String permit = Holders.permit(dataSource, Holders.NAME);
        Registered registered = Registrations.register(Holders.NAME, permit, Holders.PASSWORD, null);
        assertThat(registered.registrationToken()).isNotBlank();

        given().when().get("/api/accounts/registrations/{id}", registered.accountId()).then()
                .statusCode(401).contentType("application/problem+json").body("code", equalTo("REGISTRATION_TOKEN_REQUIRED"));
        given().header("X-Registration-Token", "guessed").when().get("/api/accounts/registrations/{id}", registered.accountId()).then()
                .statusCode(404).contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
        given().header("X-Registration-Token", registered.registrationToken())
                .when().get("/api/accounts/registrations/{id}", registered.accountId()).then()
                .statusCode(200).body("status", equalTo("PENDING_IDENTITY")).body("registrationToken", equalTo(null));
    }

    private static ValidatableResponse reset(Holders.Holder holder, String address) {
        return Holders.from(address).body(Map.of("name", Holders.NAME, "permitNumber", holder.permitNumber()))
                .when().post("/api/accounts/password-resets").then();
    }

    private static ValidatableResponse importing(Map<String, String> link) {
        Map<String, Object> body = new HashMap<>(Map.of("holderName", Holders.NAME, "socialSecurityNumber", Holders.newSocialSecurityNumber(),
                "passwordHash", HASHER.hash(Holders.PASSWORD)));
        body.putAll(link);
        return given().auth().oauth2(Holders.supportToken()).contentType(ContentType.JSON).body(body)
                .when().post("/api/accounts/support/holders").then();
    }

    private static void realName(String session) {
        String mobile = Verifications.newMobile();
        Verifications.mobile(session, mobile).statusCode(202);
        Verifications.code(session, Verifications.lastCode(mobile)).statusCode(200);
    }
}

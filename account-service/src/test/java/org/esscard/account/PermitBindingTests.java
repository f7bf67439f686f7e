package org.esscard.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.esscard.account.support.Events;
import org.esscard.account.support.Holders;
import org.esscard.account.support.Verifications;
import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.events.Topics;
import org.esscard.events.account.AccountRegistered;
import org.esscard.events.permit.PermitIssued;
import org.esscard.events.permit.PermitSnapshot;
import org.esscard.events.permit.PermitStatus;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/**
 * R13: an account registered another way binds a work permit number to reach permit services: the name must match,
 * and the permit's own holder must pass facial recognition in a PERMIT_BINDING session (a name match alone never binds).
 */
@QuarkusTest
class PermitBindingTests {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void R13_accountRegisteredAnotherWayBindsItsPermitAndTheTokenCarriesIt() throws Exception {
        Holders.Imported imported = Holders.imported(Holders.NAME, Holders.PASSWORD);
        String permit = Holders.permit(dataSource, Holders.NAME);
        String token = Holders.loginBySsn(imported.socialSecurityNumber(), Holders.PASSWORD, Holders.newAddress())
                .statusCode(200).extract().path("access_token");

        ValidatableResponse started = Holders.startBinding(token, permit).statusCode(202)
                .body("purpose", equalTo("PERMIT_BINDING")).body("methods", contains("FACE"));
        String session = started.extract().path("sessionId");
        // nothing is bound before the permit's holder passed
        collect(token, session).statusCode(409).body("code", equalTo("VERIFICATION_PENDING"));
        assertThat(HolderLoginTests.claims(Holders.loginBySsn(imported.socialSecurityNumber(), Holders.PASSWORD, Holders.newAddress())
                .statusCode(200).extract().path("access_token")).hasClaim("permit")).isFalse();

        Verifications.face(session).statusCode(200).body("status", equalTo("VERIFIED"));
        String bound = Holders.collectBinding(token, session);
        collect(token, session).statusCode(200).body("expires_in", equalTo(900));

        JwtClaims claims = HolderLoginTests.claims(bound);
        assertThat(claims.getStringClaimValue("permit")).isEqualTo(permit);
        assertThat(claims.getSubject()).isEqualTo(imported.accountId());
        // from now on both ways of logging in name the permit
        String byPermit = Holders.login(permit, Holders.PASSWORD, Holders.newAddress()).statusCode(200).extract().path("access_token");
        assertThat(HolderLoginTests.claims(byPermit).getStringClaimValue("permit")).isEqualTo(permit);
        // the services that know holders by permit learn of it: the account's card event again, with the permit
        List<CloudEvent> events = Events.accountEvents(imported.accountId(), e -> e.size() >= 2);
        assertThat(events).extracting(CloudEvent::type).containsOnly(AccountRegistered.TYPE);
        AccountRegistered last = events.get(events.size() - 1).dataAs(AccountRegistered.class, EventJson.mapper());
        assertThat(last.permitNumber()).isEqualTo(permit);
        assertThat(last.cardNumber()).isEqualTo(imported.cardNumber());
    }

    @Test
    void R13_theNameOnThePermitMustBeTheAccountHoldersExactly() {
        Holders.Imported imported = Holders.imported("SMITH JOHN PAUL", Holders.PASSWORD);
        String permit = Holders.permit(dataSource, Holders.NAME);
        String token = Holders.loginBySsn(imported.socialSecurityNumber(), Holders.PASSWORD, Holders.newAddress())
                .statusCode(200).extract().path("access_token");

        bind(token, permit).statusCode(400).body("code", equalTo("NAME_MISMATCH"));
        bind(token, Holders.newPermitNumber()).statusCode(404).body("code", equalTo("PERMIT_NOT_FOUND"));
    }

    @Test
    void R13_whereFaceIsClosedTheBindingPassesByBankCard() throws Exception {
        Holders.Imported imported = Holders.imported(Holders.NAME, Holders.PASSWORD);
        String permit = imported.linkedPermit();
        String token = Holders.loginBySsn(imported.socialSecurityNumber(), Holders.PASSWORD, Holders.newAddress())
                .statusCode(200).extract().path("access_token");
        String session = Holders.startBinding(token, permit).statusCode(202).extract().path("sessionId");
        Verifications.scriptFace(permit, Map.of("outcome", "FAIL"));
        for (int i = 0; i < 5; i++) {
            Verifications.face(session).statusCode(422);
        }
        Verifications.face(session).statusCode(423).body("nextMethods", contains("BANK_CARD"));

        String mobile = Verifications.newMobile();
        Verifications.bankCard(session, Holders.NAME, Verifications.newCard(), mobile).statusCode(202);
        Verifications.code(session, Verifications.lastCode(mobile)).statusCode(200).body("verifiedMethod", equalTo("BANK_CARD"));

        assertThat(HolderLoginTests.claims(Holders.collectBinding(token, session)).getStringClaimValue("permit")).isEqualTo(permit);
    }

    @Test
    void R13_anotherAccountsSessionOrAnOlderOneCollectsNothing() {
        Holders.Imported first = Holders.imported(Holders.NAME, Holders.PASSWORD);
        Holders.Imported second = Holders.imported(Holders.NAME, Holders.PASSWORD);
        String firstToken = Holders.loginBySsn(first.socialSecurityNumber(), Holders.PASSWORD, Holders.newAddress())
                .statusCode(200).extract().path("access_token");
        String secondToken = Holders.loginBySsn(second.socialSecurityNumber(), Holders.PASSWORD, Holders.newAddress())
                .statusCode(200).extract().path("access_token");
        String older = Holders.startBinding(firstToken, first.linkedPermit()).statusCode(202).extract().path("sessionId");
        String newer = Holders.startBinding(firstToken, first.linkedPermit()).statusCode(202).extract().path("sessionId");

        collect(secondToken, newer).statusCode(404).body("code", equalTo("BINDING_NOT_FOUND"));
        collect(firstToken, older).statusCode(404).body("code", equalTo("BINDING_NOT_FOUND"));
        // an older session is no longer reachable through the relay either
        Verifications.face(older).statusCode(404);
        Verifications.face(newer).statusCode(200);
        assertThat(Holders.collectBinding(firstToken, newer)).isNotNull();
    }

    @Test
    void R13_onlyAValidPermitNotHeldByAnotherAccountCanBeBound() {
        Holders.Holder holder = Holders.withPermit(dataSource);
        Holders.Imported other = Holders.imported(Holders.NAME, Holders.PASSWORD);
        String otherToken = Holders.loginBySsn(other.socialSecurityNumber(), Holders.PASSWORD, Holders.newAddress())
                .statusCode(200).extract().path("access_token");

        bind(otherToken, holder.permitNumber()).statusCode(409).body("code", equalTo("ACCOUNT_EXISTS"));
        // a permit of another passport than the one support's import matched
        String foreign = Holders.newPermitNumber();
        CloudEvent foreignPermit = Events.publish(Topics.PERMIT_EVENTS, Events.PERMIT_SERVICE, new PermitIssued(
                withPassport(Events.permit(foreign, Holders.NAME, PermitStatus.ACTIVE, LocalDate.now().plusYears(1), 0), "G12345678")));
        Events.awaitConsumed(dataSource, foreignPermit);
        bind(otherToken, foreign).statusCode(403).body("code", equalTo("PERMIT_OF_ANOTHER_HOLDER"));

        String expired = Holders.newPermitNumber();
        CloudEvent event = Events.publish(Topics.PERMIT_EVENTS, Events.PERMIT_SERVICE,
                new PermitIssued(Events.permit(expired, Holders.NAME, PermitStatus.EXPIRED, LocalDate.now().minusDays(2), 1)));
        Events.awaitConsumed(dataSource, event);
        bind(otherToken, expired).statusCode(403).body("code", equalTo("PERMIT_EXPIRED"));

        // an account that has a permit binds no second one
        bind(Holders.accessToken(holder), Holders.permit(dataSource, Holders.NAME))
                .statusCode(409).body("code", equalTo("PERMIT_ALREADY_BOUND"));
    }

    @Test
    void onlyHoldersBindAndOnlySupportImports() {
        given().contentType(ContentType.JSON).body(Map.of("permitNumber", "X1234567"))
                .when().post("/api/accounts/permit-binding").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        String authority = given().contentType(ContentType.JSON).body(Map.of("username", "authority", "password", "Authority#2026"))
                .when().post("/api/accounts/staff/login").then().statusCode(200).extract().path("access_token");
        given().auth().oauth2(authority).contentType(ContentType.JSON).body(Map.of("permitNumber", "X1234567"))
                .when().post("/api/accounts/permit-binding").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(authority).contentType(ContentType.JSON)
                .body(Map.of("holderName", "X", "socialSecurityNumber", Holders.newSocialSecurityNumber(), "passwordHash", "x"))
                .when().post("/api/accounts/support/holders").then().statusCode(403);
        given().auth().oauth2(Holders.supportToken()).contentType(ContentType.JSON)
                .body(Map.of("holderName", "X", "socialSecurityNumber", Holders.newSocialSecurityNumber(), "passwordHash", "$2b$12$abc",
                        "permitNumber", "X1234567"))
                .when().post("/api/accounts/support/holders").then().statusCode(400).body("code", equalTo("PASSWORD_HASH_UNSUPPORTED"));
    }

    private static ValidatableResponse collect(String token, String session) {
        return Holders.from(Holders.newAddress()).auth().oauth2(token).when().post("/api/accounts/permit-binding/{id}", session).then();
    }

    private static PermitSnapshot withPassport(PermitSnapshot p, String passport) {
        return new PermitSnapshot(p.permitNumber(), p.holderName(), passport, p.nationality(), p.employer(), p.position(), p.workCity(),
                p.talentCategory(), p.issueDate(), p.validUntil(), p.status(), p.version());
    }

    private static ValidatableResponse bind(String token, String permit) {
        return Holders.from(Holders.newAddress()).auth().oauth2(token).body(Map.of("permitNumber", permit))
                .when().post("/api/accounts/permit-binding").then();
    }
}

package org.esscard.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.esscard.identity.support.People.Person;
import org.esscard.identity.support.People;
import org.esscard.identity.support.PermitEvents;
import org.esscard.identity.support.Sessions;
import org.esscard.platform.testing.TestClock;
import org.esscard.platform.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/** Opening and reading sessions: who may, for whom, under which name (R3), and for how long. */
@QuarkusTest
class SessionTests {

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void resetClock() {
        TestClock.CLOCK.reset();
    }

    @Test
    void R5_aServiceOpensARegistrationSessionThatStartsWithFace() {
        Person person = known();

        String id = Sessions.asService().contentType(ContentType.JSON)
                .body(Map.of("purpose", "REGISTRATION", "permitNumber", person.permitNumber(), "name", person.name(),
                        "accountId", "acc-77"))
                .when().post(Sessions.BASE)
                .then().statusCode(201)
                .header("Location", containsString("/api/identity/sessions/"))
                .body("status", equalTo("OPEN"))
                .body("purpose", equalTo("REGISTRATION"))
                .body("permitNumber", equalTo(person.permitNumber()))
                .body("accountId", equalTo("acc-77"))
                .body("openMethods", contains("FACE"))
                .body("faceAttemptsRemaining", equalTo(6))
                .body("pendingCode", nullValue())
                .body("expiresAt", notNullValue())
                .extract().path("sessionId");

        Sessions.get(id).statusCode(200).body("sessionId", equalTo(id)).body("status", equalTo("OPEN"));
    }

    @Test
    void R3_theNameMustBeThePassportNameExactly() {
        Person person = known();

        for (String name : new String[] { "SMITH JOHN PAUL", "Smith John-Paul", "SMITH JOHN-PAUL ", "SMITH  JOHN-PAUL" }) {
            Sessions.asService().contentType(ContentType.JSON)
                    .body(Map.of("purpose", "REGISTRATION", "permitNumber", person.permitNumber(), "name", name))
                    .when().post(Sessions.BASE)
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("code", equalTo("NAME_MISMATCH"))
                    .body("detail", containsString("work permit authority"));
        }
        Sessions.asService().header("Accept-Language", "zh-CN").contentType(ContentType.JSON)
                .body(Map.of("purpose", "REGISTRATION", "permitNumber", person.permitNumber(), "name", "SMITH JOHN PAUL"))
                .when().post(Sessions.BASE)
                .then().statusCode(422).body("detail", containsString("工作许可审批部门"));
    }

    @Test
    void aPermitIdentityServiceHasNotHeardOfIsRefused() {
        Person stranger = People.newPerson();

        Sessions.open(stranger, "REGISTRATION").statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("SUBJECT_UNKNOWN"))
                .body("detail", containsString(stranger.permitNumber()));
    }

    @Test
    void aSessionExpiresAfterThirtyMinutes() {
        Person person = known();
        String id = Sessions.openId(person, "REGISTRATION");

        TestClock.CLOCK.advance(Duration.ofMinutes(30));

        Sessions.get(id).statusCode(200).body("status", equalTo("EXPIRED")).body("openMethods.size()", equalTo(0));
        Sessions.face(id).statusCode(410).body("code", equalTo("SESSION_EXPIRED"));
    }

    @Test
    void anUnknownOrMalformedSessionIsNotFound() {
        Sessions.get(UUID.randomUUID().toString()).statusCode(404).body("code", equalTo("SESSION_NOT_FOUND"));
        Sessions.get("not-a-session").statusCode(404).body("code", equalTo("SESSION_NOT_FOUND"));
        Sessions.face("not-a-session").statusCode(404).body("code", equalTo("SESSION_NOT_FOUND"));
    }

    @Test
    void aHolderOpensAndUsesSessionsForTheirOwnPermitOnly() {
        Person person = known();
        Person other = known();
        String holder = TestTokens.holder("acc-9", person.permitNumber());

        String id = given().auth().oauth2(holder).contentType(ContentType.JSON)
                .body(Map.of("purpose", "PIN_RESET", "permitNumber", person.permitNumber(), "name", person.name()))
                .when().post(Sessions.BASE)
                .then().statusCode(201).body("accountId", equalTo("acc-9")).body("openMethods", contains("FACE"))
                .extract().path("sessionId");
        given().auth().oauth2(holder).when().get(Sessions.BASE + "/" + id).then().statusCode(200);

        given().auth().oauth2(holder).contentType(ContentType.JSON)
                .body(Map.of("purpose", "PIN_RESET", "permitNumber", other.permitNumber(), "name", other.name()))
                .when().post(Sessions.BASE)
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        String othersSession = Sessions.openId(other, "REGISTRATION");
        given().auth().oauth2(holder).when().get(Sessions.BASE + "/" + othersSession)
                .then().statusCode(404).body("code", equalTo("SESSION_NOT_FOUND"));
        given().auth().oauth2(holder).contentType(ContentType.JSON).body(Map.of("livenessTicket", Sessions.TICKET))
                .when().post(Sessions.BASE + "/" + othersSession + "/face")
                .then().statusCode(404);
    }

    @Test
    void onlyServicesAndHoldersMayCall() {
        Person person = known();
        Map<String, Object> body = Map.of("purpose", "REGISTRATION", "permitNumber", person.permitNumber(), "name", person.name());

        given().contentType(ContentType.JSON).body(body).when().post(Sessions.BASE)
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body(body).when().post(Sessions.BASE)
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(TestTokens.support()).when().get(Sessions.BASE + "/" + UUID.randomUUID())
                .then().statusCode(403);
    }

    @Test
    void badRequestsAreProblemsNeverServerErrors() {
        Sessions.asService().contentType(ContentType.JSON).body(Map.of("purpose", "SELFIE", "permitNumber", "W1", "name", "X"))
                .when().post(Sessions.BASE)
                .then().statusCode(400).body("code", equalTo("MALFORMED_JSON")).body("errors[0].field", equalTo("purpose"));
        Sessions.asService().contentType(ContentType.JSON).body(Map.of("purpose", "REGISTRATION"))
                .when().post(Sessions.BASE)
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        Sessions.asService().contentType(ContentType.JSON).body("{\"purpose\":")
                .when().post(Sessions.BASE)
                .then().statusCode(400).body("code", equalTo("MALFORMED_JSON"));
    }

    private Person known() {
        Person person = People.newPerson();
        PermitEvents.issued(dataSource, person);
        return person;
    }
}

package org.esscard.permit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.esscard.permit.support.Permits;
import org.esscard.platform.testing.TestClock;
import org.esscard.platform.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The holder's permit inquiry: own permit only, after the PIN step-up, while the permit is valid. */
@QuarkusTest
class HolderPermitTests {

    /** Tokens are minted with the real time; the shared test clock stands still and may lag behind a slow start. */
    @BeforeEach
    void clockAtRealTime() {
        TestClock.CLOCK.reset();
    }

    @Test
    void R16_holderInquiresTheirOwnPermitWithPassportMasked() {
        String number = Permits.issue("B", LocalDate.now().plusYears(1));

        given().auth().oauth2(TestTokens.holder("acc-1", number))
                .when().get("/api/permits/mine")
                .then().statusCode(200)
                .body("permitNumber", equalTo(number))
                .body("holderName", equalTo(Permits.HOLDER_NAME))
                .body("talentCategory", equalTo("B"))
                .body("passportNumber", equalTo("53*****06"))
                .body("status", equalTo("ACTIVE"));
    }

    @Test
    void R15_permitServicesNeedAFreshPinStepUp() {
        String number = Permits.issue("B", LocalDate.now().plusYears(1));

        given().auth().oauth2(TestTokens.holderWithoutPin("acc-1", number))
                .when().get("/api/permits/mine")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("PIN_REQUIRED"))
                .body("detail", containsString("6-digit"));
        given().auth().oauth2(TestTokens.holderSteppedUpAt("acc-1", number, Instant.now().minusSeconds(6 * 60)))
                .when().get("/api/permits/mine")
                .then().statusCode(403).body("code", equalTo("PIN_REQUIRED"));
        given().auth().oauth2(TestTokens.holderSteppedUpAt("acc-1", number, Instant.now().minusSeconds(4 * 60)))
                .when().get("/api/permits/mine")
                .then().statusCode(200);
    }

    @Test
    void holderACanReadNothingOfHolderB() {
        String permitA = Permits.issue("A", LocalDate.now().plusYears(1));
        String permitB = Permits.issue("C", LocalDate.now().plusYears(1));
        String holderA = TestTokens.holder("acc-a", permitA);

        given().auth().oauth2(holderA).when().get("/api/permits/mine")
                .then().statusCode(200).body("permitNumber", equalTo(permitA));
        given().auth().oauth2(holderA).when().get("/api/permits/" + permitB)
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(holderA).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .when().post("/api/permits/" + permitB + "/cancellation")
                .then().statusCode(403);
    }

    @Test
    void noTokenIs401AndOtherGroupsAre403() {
        given().when().get("/api/permits/mine").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        given().auth().oauth2(TestTokens.officer()).when().get("/api/permits/mine").then().statusCode(403);
        given().auth().oauth2(TestTokens.holder("acc-x", null)).when().get("/api/permits/mine")
                .then().statusCode(403).body("code", equalTo("NO_PERMIT_BOUND"));
    }

    @Test
    void R20_cancelledPermitClosesTheInquiry() {
        String number = Permits.issue("B", LocalDate.now().plusYears(1));
        given().auth().oauth2(TestTokens.permitAuthority()).contentType(ContentType.JSON).body(Map.of("reason", "Employment ended"))
                .when().post("/api/permits/" + number + "/cancellation").then().statusCode(200);

        given().auth().oauth2(TestTokens.holder("acc-1", number)).header("Accept-Language", "zh-CN")
                .when().get("/api/permits/mine")
                .then().statusCode(403).contentType("application/problem+json")
                .body("code", equalTo("PERMIT_CANCELLED")).body("detail", containsString("已被注销"));
    }

    @Test
    void R20_permitPastValidUntilIsClosedEvenBeforeTheDailyScan() {
        String number = Permits.newNumber();
        Map<String, Object> body = Permits.body(number, "B", LocalDate.now().minusDays(1));
        given().auth().oauth2(TestTokens.permitAuthority()).contentType(ContentType.JSON).body(body)
                .when().post("/api/permits").then().statusCode(201);

        given().auth().oauth2(TestTokens.holder("acc-1", number))
                .when().get("/api/permits/mine")
                .then().statusCode(403).body("code", equalTo("PERMIT_EXPIRED")).body("detail", containsString("employer"));
    }
}

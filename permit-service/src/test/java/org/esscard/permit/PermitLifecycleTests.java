package org.esscard.permit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.events.permit.PermitCancelled;
import org.esscard.events.permit.PermitStatus;
import org.esscard.events.permit.PermitUpdated;
import org.esscard.events.permit.TalentCategory;
import org.esscard.permit.support.Permits;
import org.esscard.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The permit authority amends, extends and cancels; each change is announced with the permit's new snapshot. */
@QuarkusTest
class PermitLifecycleTests {

    @Test
    void amendExtendAndCancelAreEachAnnouncedInOrder() {
        String number = Permits.issue("B", LocalDate.now().plusYears(1));

        authority().body(Map.of("talentCategory", "A", "employer", "Beijing Example Research Institute", "expectedVersion", 0))
                .when().patch("/api/permits/" + number)
                .then().statusCode(200).body("talentCategory", equalTo("A")).body("version", equalTo(1));
        LocalDate extended = LocalDate.now().plusYears(2);
        authority().body(Map.of("validUntil", extended.toString()))
                .when().post("/api/permits/" + number + "/extension")
                .then().statusCode(200).body("validUntil", equalTo(extended.toString())).body("version", equalTo(2));
        authority().body(Map.of("reason", "Employment ended"))
                .when().post("/api/permits/" + number + "/cancellation")
                .then().statusCode(200).body("status", equalTo("CANCELLED")).body("cancellationReason", equalTo("Employment ended"));

        List<CloudEvent> events = Permits.events(number, e -> e.size() >= 4);
        assertThat(events).extracting(CloudEvent::type).containsExactly("esscard.permit.PermitIssued.v1",
                PermitUpdated.TYPE, PermitUpdated.TYPE, PermitCancelled.TYPE);
        PermitUpdated amended = events.get(1).dataAs(PermitUpdated.class, EventJson.mapper());
        assertThat(amended.change()).isEqualTo(PermitUpdated.AMENDED);
        assertThat(amended.permit().talentCategory()).isEqualTo(TalentCategory.A);
        assertThat(amended.permit().version()).isEqualTo(1);
        PermitUpdated extension = events.get(2).dataAs(PermitUpdated.class, EventJson.mapper());
        assertThat(extension.change()).isEqualTo(PermitUpdated.EXTENDED);
        assertThat(extension.permit().validUntil()).isEqualTo(extended);
        PermitCancelled cancelled = events.get(3).dataAs(PermitCancelled.class, EventJson.mapper());
        assertThat(cancelled.reason()).isEqualTo("Employment ended");
        assertThat(cancelled.permit().status()).isEqualTo(PermitStatus.CANCELLED);
        assertThat(cancelled.permit().version()).isEqualTo(3);
    }

    @Test
    void cancellationNeedsAReasonAndHappensOnce() {
        String number = Permits.issue("C", LocalDate.now().plusYears(1));

        authority().body(Map.of("reason", " "))
                .when().post("/api/permits/" + number + "/cancellation")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("reason"));
        authority().body(Map.of("reason", "Left China")).when().post("/api/permits/" + number + "/cancellation").then().statusCode(200);
        authority().body(Map.of("reason", "again")).when().post("/api/permits/" + number + "/cancellation")
                .then().statusCode(403).body("code", equalTo("PERMIT_CANCELLED"));
        authority().body(Map.of("employer", "Other")).when().patch("/api/permits/" + number)
                .then().statusCode(403).body("code", equalTo("PERMIT_CANCELLED"));
    }

    @Test
    void staleVersionIsAConflictAndExtensionMustMoveForward() {
        String number = Permits.issue("B", LocalDate.now().plusYears(1));
        authority().body(Map.of("position", "Architect")).when().patch("/api/permits/" + number).then().statusCode(200);

        authority().body(Map.of("position", "CTO", "expectedVersion", 0))
                .when().patch("/api/permits/" + number)
                .then().statusCode(409).body("code", equalTo("PERMIT_VERSION_CONFLICT"));
        authority().body(Map.of("validUntil", LocalDate.now().toString()))
                .when().post("/api/permits/" + number + "/extension")
                .then().statusCode(400).body("code", equalTo("PERMIT_VALIDITY"));
        authority().body(Map.of("reason", "x")).when().post("/api/permits/W000NOSUCH00/cancellation")
                .then().statusCode(404).body("code", equalTo("PERMIT_NOT_FOUND"));
    }

    private static io.restassured.specification.RequestSpecification authority() {
        return given().auth().oauth2(TestTokens.permitAuthority()).contentType(ContentType.JSON);
    }
}

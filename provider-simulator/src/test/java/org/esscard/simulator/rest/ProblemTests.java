package org.esscard.simulator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.esscard.problem.Problem;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ProblemTests {

    private static final String DEFAULT_MOBILE = "+8613800138000";

    @Test
    void missingFieldsAreAValidationProblem() {
        given().contentType(ContentType.JSON)
                .body(Map.of("sender", "identity-service"))
                .post("/sim/sms/messages")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", is("urn:esscard:problem:VALIDATION_FAILED"))
                .body("title", is("Bad Request"))
                .body("status", is(400))
                .body("detail", notNullValue())
                .body("instance", is("/sim/sms/messages"))
                .body("code", is("VALIDATION_FAILED"))
                .body("errors.field", containsInAnyOrder("text", "to"));
    }

    @Test
    void blankFieldsAreAValidationProblem() {
        given().contentType(ContentType.JSON)
                .body(Map.of("to", " ", "title", "Reminder", "body", ""))
                .post("/sim/push/messages")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", containsInAnyOrder("body", "to"));
    }

    @Test
    void missingBodyIsAValidationProblem() {
        given().contentType(ContentType.JSON)
                .post("/sim/sms/messages")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("code", is("VALIDATION_FAILED"));
    }

    @Test
    void malformedJsonIsAProblem() {
        given().contentType(ContentType.JSON)
                .body("{\"to\": \"" + DEFAULT_MOBILE + "\", \"text\": ")
                .post("/sim/sms/messages")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("code", is("MALFORMED_JSON"));
    }

    @Test
    void wrongJsonShapeIsAProblem() {
        given().contentType(ContentType.JSON)
                .body("{\"to\": \"" + DEFAULT_MOBILE + "\", \"text\": {\"nested\": true}}")
                .post("/sim/sms/messages")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("code", is("MALFORMED_JSON"))
                .body("errors[0].field", is("text"));
    }

    @Test
    void unknownAddressIsANotFoundProblemEvenForABrowser() {
        given().accept("text/html,application/xhtml+xml,*/*;q=0.8")
                .get("/sim/nothing-here")
                .then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("code", is("NOT_FOUND"));
    }

    @Test
    void wrongMethodIsAProblem() {
        given().get("/sim/sms/messages")
                .then().statusCode(405)
                .contentType(Problem.MEDIA_TYPE)
                .body("code", is("METHOD_NOT_ALLOWED"));
    }

    @Test
    void wrongContentTypeIsAProblem() {
        given().contentType(ContentType.TEXT).body("hello")
                .post("/sim/sms/messages")
                .then().statusCode(415)
                .contentType(Problem.MEDIA_TYPE)
                .body("code", is("UNSUPPORTED_MEDIA_TYPE"));
    }
}

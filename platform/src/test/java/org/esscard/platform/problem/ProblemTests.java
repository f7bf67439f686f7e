package org.esscard.platform.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every kind of failure answers RFC 9457 problem+json with a stable code, in the caller's language. */
@QuarkusTest
class ProblemTests {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Test
    void malformedJsonIs400WithCode() {
        given().contentType(ContentType.JSON).body("{\"name\": \"SMITH\", ")
                .when().post("/api/test/applicants")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("code", equalTo("MALFORMED_JSON"))
                .body("status", equalTo(400))
                .body("type", equalTo("urn:esscard:problem:MALFORMED_JSON"))
                .body("instance", equalTo("/api/test/applicants"));
    }

    @Test
    void wrongTypeOfAFieldNamesTheField() {
        given().contentType(ContentType.JSON).body("{\"name\": \"SMITH\", \"permitNumber\": \"W1\", \"age\": \"old\"}")
                .when().post("/api/test/applicants")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("code", equalTo("MALFORMED_JSON"))
                .body("errors.field", hasItems("age"));
    }

    @Test
    void failedValidationIs400WithTheFieldNames() {
        given().contentType(ContentType.JSON).body("{\"name\": \" \", \"age\": -1}")
                .when().post("/api/test/applicants")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItems("name", "permitNumber", "age"))
                .body("detail", containsString("permitNumber"));
    }

    @Test
    void missingBodyIsAClientError() {
        given().contentType(ContentType.JSON)
                .when().post("/api/test/applicants")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItems("applicant"));
    }

    @Test
    void messagesFollowAcceptLanguage() {
        given().contentType(ContentType.JSON).header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5").body("{")
                .when().post("/api/test/applicants")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .header("Content-Language", "zh-CN")
                .body("detail", containsString("请求内容不是有效的 JSON"));
        given().contentType(ContentType.JSON).header("Accept-Language", "en-GB").body("{")
                .when().post("/api/test/applicants")
                .then().statusCode(400)
                .header("Content-Language", "en")
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void unknownRouteIs404ProblemNotHtml() {
        given().when().get("/api/nothing/here")
                .then().statusCode(404).contentType(PROBLEM_JSON)
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void wrongMethodIs405() {
        given().when().delete("/api/test/applicants")
                .then().statusCode(405).contentType(PROBLEM_JSON)
                .body("code", equalTo("METHOD_NOT_ALLOWED"));
    }

    @Test
    void wrongContentTypeIs415() {
        given().contentType(ContentType.TEXT).body("name=SMITH")
                .when().post("/api/test/applicants")
                .then().statusCode(415).contentType(PROBLEM_JSON)
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void domainProblemCarriesItsStatusMessageAndExtensions() {
        given().header("Accept-Language", "zh-CN")
                .when().get("/api/test/locked")
                .then().statusCode(423).contentType(PROBLEM_JSON)
                .body("code", equalTo("FACE_LOCKED"))
                .body("detail", containsString("连续失败 6 次"))
                .body("nextMethods", hasItems("BANK_CARD", "MOBILE"))
                .body("retryAfterSeconds", equalTo(60))
                .header("Retry-After", "60");
    }

    @Test
    void unexpectedFailureIs500ThatRevealsNothing() {
        given().when().get("/api/test/bug")
                .then().statusCode(500).contentType(PROBLEM_JSON)
                .body("code", equalTo("INTERNAL_ERROR"))
                .body("detail", not(containsString("secret")))
                .body("detail", containsString("010-12333-2"))
                .body("stackTrace", nullValue());
    }

    @Test
    void missingTokenIs401ProblemWithBearerChallenge() {
        given().when().get("/api/test/staff-only")
                .then().statusCode(401).contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", "Bearer")
                .body("code", equalTo("UNAUTHORIZED"));
    }
}

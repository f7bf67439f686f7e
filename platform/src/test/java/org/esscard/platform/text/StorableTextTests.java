package org.esscard.platform.text;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Text PostgreSQL cannot store is a 400 naming the field, wherever in a request it comes. */
@QuarkusTest
class StorableTextTests {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Test
    void nulInAPathParameterNamesTheParameter() {
        given().urlEncodingEnabled(false).when().get("/api/test/text/permits/W1%00")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("code", equalTo("INVALID_TEXT"))
                .body("errors.field", hasItems("permitNumber"))
                .body("detail", containsString("permitNumber"));
    }

    @Test
    void nulInAQueryParameterNamesTheParameter() {
        given().urlEncodingEnabled(false).when().get("/api/test/text/permits/W1?q=a%00b")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("code", equalTo("INVALID_TEXT"))
                .body("errors.field", hasItems("q"));
    }

    /** A URL cannot carry a lone surrogate: its UTF-8 form is invalid, and decoding makes replacement characters. */
    @Test
    void aBrokenUtf8SequenceIsStoredAsReplacementCharacters() {
        given().urlEncodingEnabled(false).when().get("/api/test/text/permits/W1%ED%A0%80%C3")
                .then().statusCode(200).body("permitNumber", containsString("\uFFFD"));
    }

    @Test
    void nulInABodyStringNamesTheField() {
        given().contentType(ContentType.JSON).header("Accept-Language", "zh-CN")
                .body("{\"name\":\"SMITH\\u0000\",\"aliases\":[],\"notes\":{}}")
                .when().post("/api/test/text/holders")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("code", equalTo("INVALID_TEXT"))
                .body("errors.field", hasItems("name"))
                .body("detail", containsString("以下字段包含无法接受的字符"));
    }

    @Test
    void surrogatesInListsAndMapKeysAreFoundToo() {
        given().contentType(ContentType.JSON).body("{\"name\":\"SMITH\",\"aliases\":[\"ok\",\"\\udc00\"]}")
                .when().post("/api/test/text/holders")
                .then().statusCode(400).body("code", equalTo("INVALID_TEXT")).body("errors.field", hasItems("aliases[1]"));
        given().contentType(ContentType.JSON).body("{\"name\":\"SMITH\",\"notes\":{\"a\\u0000\":\"x\"}}")
                .when().post("/api/test/text/holders")
                .then().statusCode(400).body("code", equalTo("INVALID_TEXT"));
    }

    @Test
    void ordinaryTextPasses() {
        given().contentType(ContentType.JSON).body("{\"name\":\"JOSÉ 王小明 \\ud83d\\ude00\",\"aliases\":[],\"notes\":{\"k\":\"v\"}}")
                .when().post("/api/test/text/holders")
                .then().statusCode(200).body("name", equalTo("JOSÉ 王小明 \uD83D\uDE00"));
    }
}

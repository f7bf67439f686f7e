package org.esscard.simulator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsTests {

    @Test
    void healthIsUp() {
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void openApiDescribesTheSimulator() {
        given().queryParam("format", "json")
                .get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", is("eSSCard provider simulator"))
                .body("paths", hasKey("/sim/sms/messages"))
                .body("paths", hasKey("/sim/script/channels/{channel}"))
                .body("paths", hasKey("/sim/face/compare"))
                .body("paths", hasKey("/sim/bank/verifications"))
                .body("paths", hasKey("/sim/carrier/verifications"))
                .body("paths", hasKey("/sim/script/face/{subjectKey}"));
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}

package org.esscard.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.esscard.platform.testing.OpenApiContract;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * account-service's OpenAPI document is what client generators need (an operationId and tags on every operation, every error as
 * problem+json with an example per code) and is the committed copy the gateway's merged document is made from.
 */
@QuarkusTest
class OpenApiTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyOperationIsNamedTaggedAndDocumentsItsErrors() throws Exception {
        OpenApiContract.assertComplete(spec());
    }

    @Test
    void theCommittedDocumentIsTheOneServed() throws Exception {
        OpenApiContract.assertCommitted("account-service", spec());
    }

    @Test
    void aDomainCodeIsDocumentedWithItsEnglishMessage() throws Exception {
        JsonNode example = spec().at("/paths/~1api~1accounts~1pin~1verification/post/responses/403/content/application~1problem+json/examples/PIN_WRONG/value");

        assertThat(example.path("code").asText()).isEqualTo("PIN_WRONG");
        assertThat(example.path("detail").asText()).isEqualTo("The PIN is incorrect. … attempts left before it is locked.");
    }

    @Test
    void theGatewaysMergedDocumentIsServedToo() throws Exception {
        JsonNode merged = JSON.readTree(given().when().get("/api/openapi.json").then().statusCode(200).extract().asString());

        assertThat(merged.path("info").path("title").asText()).isEqualTo("eSSCard API");
        assertThat(merged.at("/paths/~1api~1accounts~1login/post").isMissingNode()).as("one of account-service's operations").isFalse();
    }

    private static JsonNode spec() throws Exception {
        return JSON.readTree(given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().asString());
    }
}

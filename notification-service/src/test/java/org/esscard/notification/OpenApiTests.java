package org.esscard.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.esscard.platform.testing.OpenApiContract;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * notification-service's OpenAPI document is what client generators need (an operationId and tags on every operation, every error as
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
        OpenApiContract.assertCommitted("notification-service", spec());
    }

    @Test
    void aPlatformCodeIsDocumentedWithItsEnglishMessage() throws Exception {
        JsonNode example = spec().at("/paths/~1api~1notifications~1inbox~1{id}~1read/post/responses/404/content/application~1problem+json/examples/NOT_FOUND/value");

        assertThat(example.path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(example.path("detail").asText()).isEqualTo("Nothing was found at this address.");
    }

    @Test
    void theGatewaysMergedDocumentIsServedToo() throws Exception {
        JsonNode merged = JSON.readTree(given().when().get("/api/openapi.json").then().statusCode(200).extract().asString());

        assertThat(merged.path("info").path("title").asText()).isEqualTo("eSSCard API");
        assertThat(merged.at("/paths/~1api~1notifications~1inbox/get").isMissingNode()).as("one of notification-service's operations").isFalse();
    }

    private static JsonNode spec() throws Exception {
        return JSON.readTree(given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().asString());
    }
}

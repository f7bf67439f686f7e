package org.esscard.permit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.esscard.platform.testing.OpenApiContract;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * permit-service's OpenAPI document is what client generators need (an operationId and tags on every operation, every error as
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
        OpenApiContract.assertCommitted("permit-service", spec());
    }

    @Test
    void aDomainCodeIsDocumentedWithItsEnglishMessage() throws Exception {
        JsonNode example = spec().at("/paths/~1api~1permits~1{permitNumber}~1cancellation/post/responses/404/content/application~1problem+json/examples/PERMIT_NOT_FOUND/value");

        assertThat(example.path("code").asText()).isEqualTo("PERMIT_NOT_FOUND");
        assertThat(example.path("detail").asText()).isEqualTo("No work permit with number … was found. For questions about your permit, contact the work permit authority where you work.");
    }

    @Test
    void theGatewaysMergedDocumentIsServedToo() throws Exception {
        JsonNode merged = JSON.readTree(given().when().get("/api/openapi.json").then().statusCode(200).extract().asString());

        assertThat(merged.path("info").path("title").asText()).isEqualTo("eSSCard API");
        assertThat(merged.at("/paths/~1api~1permits~1{permitNumber}~1cancellation/post").isMissingNode()).as("one of permit-service's operations").isFalse();
    }

    private static JsonNode spec() throws Exception {
        return JSON.readTree(given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().asString());
    }
}

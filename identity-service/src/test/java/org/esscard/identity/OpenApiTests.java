package org.esscard.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.esscard.platform.testing.OpenApiContract;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * identity-service's OpenAPI document is what client generators need (an operationId and tags on every operation, every error as
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
        OpenApiContract.assertCommitted("identity-service", spec());
    }

    @Test
    void aDomainCodeIsDocumentedWithItsEnglishMessage() throws Exception {
        JsonNode example = spec().at("/paths/~1api~1identity~1sessions~1{id}~1face/post/responses/423/content/application~1problem+json/examples/FACE_LOCKED/value");

        assertThat(example.path("code").asText()).isEqualTo("FACE_LOCKED");
        assertThat(example.path("detail").asText()).isEqualTo("Facial recognition failed … times in a row and is now closed for you. Please verify with your UnionPay bank card: your name, passport number, card number and the mobile number registered with the bank, then an SMS code. For help, call 010-12333-2 (Chinese only).");
    }

    @Test
    void theGatewaysMergedDocumentIsServedToo() throws Exception {
        JsonNode merged = JSON.readTree(given().when().get("/api/openapi.json").then().statusCode(200).extract().asString());

        assertThat(merged.path("info").path("title").asText()).isEqualTo("eSSCard API");
        assertThat(merged.at("/paths/~1api~1identity~1sessions/post").isMissingNode()).as("one of identity-service's operations").isFalse();
    }

    private static JsonNode spec() throws Exception {
        return JSON.readTree(given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().asString());
    }
}

package org.esscard.platform.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.esscard.problem.Problem;
import org.esscard.platform.testing.OpenApiContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The OpenAPI document documents every error an operation can answer as problem+json, with an example per code: the
 * platform's codes from what the operation is, the domain codes it names in {@code x-problem-codes}.
 */
@QuarkusTest
class ProblemResponsesTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode spec;

    @BeforeEach
    void read() throws IOException {
        spec = JSON.readTree(given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void theProblemSchemaHasTheRecordsMembers() {
        List<String> members = new ArrayList<>(Arrays.stream(Problem.class.getRecordComponents()).map(c -> c.getName()).toList());
        members.remove("extensions");
        List<String> documented = new ArrayList<>();
        spec.at("/components/schemas/Problem/properties").fieldNames().forEachRemaining(documented::add);

        assertThat(documented).containsExactlyInAnyOrderElementsOf(members);
        assertThat(spec.at("/components/schemas/Problem/additionalProperties").asBoolean()).as("members such as retryAfterSeconds").isTrue();
    }

    @Test
    void aDomainCodeNamedOnTheOperationIsDocumentedWithItsMessage() {
        JsonNode locked = spec.at("/paths/~1api~1test~1locked/get/responses");

        JsonNode example = locked.at("/423/content/application~1problem+json/examples/FACE_LOCKED/value");
        assertThat(example.path("code").asText()).isEqualTo("FACE_LOCKED");
        assertThat(example.path("status").asInt()).isEqualTo(423);
        assertThat(example.path("type").asText()).isEqualTo("urn:esscard:problem:FACE_LOCKED");
        assertThat(example.path("detail").asText())
                .isEqualTo("Face recognition failed … times in a row and is closed; verify with your bank card or mobile number.");
        assertThat(example.path("instance").asText()).isEqualTo("/api/test/locked");
        assertThat(names(locked)).containsExactlyInAnyOrder("200", "423", "429", "500", "503");
        assertThat(names(locked.at("/503/content/application~1problem+json/examples")))
                .containsExactlyInAnyOrder("SERVICE_UNAVAILABLE", "SERVICE_OVERLOADED");
        assertThat(locked.at("/503/headers/Retry-After").isMissingNode()).isFalse();
        assertThat(spec.at("/paths/~1api~1test~1locked/get").has(ProblemResponses.CODES_EXTENSION)).isFalse();
    }

    @Test
    void anOperationWithABodyDocumentsBadBodies() {
        JsonNode responses = spec.at("/paths/~1api~1test~1applicants/post/responses");

        assertThat(names(responses.at("/400/content/application~1problem+json/examples")))
                .containsExactlyInAnyOrder("MALFORMED_JSON", "VALIDATION_FAILED", "INVALID_TEXT", "INPUT_LIMIT_EXCEEDED");
        assertThat(names(responses.at("/413/content/application~1problem+json/examples"))).containsExactlyInAnyOrder("PAYLOAD_TOO_LARGE");
        assertThat(names(responses.at("/415/content/application~1problem+json/examples"))).containsExactlyInAnyOrder("UNSUPPORTED_MEDIA_TYPE");
        assertThat(responses.has("401")).as("it needs no login").isFalse();
    }

    @Test
    void aSecuredOperationDocumentsAuthentication() {
        JsonNode responses = spec.at("/paths/~1api~1test~1staff-only/get/responses");

        assertThat(names(responses.at("/401/content/application~1problem+json/examples"))).containsExactlyInAnyOrder("UNAUTHORIZED", "TOKEN_REVOKED");
        assertThat(names(responses.at("/403/content/application~1problem+json/examples"))).containsExactlyInAnyOrder("FORBIDDEN");
        assertThat(responses.at("/401/headers/WWW-Authenticate").isMissingNode()).isFalse();
    }

    @Test
    void theGatewaysMergedDocumentIsServed() throws IOException {
        String served = given().when().get("/api/openapi.json").then().statusCode(200)
                .extract().asString();

        assertThat(JSON.readTree(served)).isEqualTo(JSON.readTree(OpenApiContract.DOCS.resolve("openapi.json").toFile()));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

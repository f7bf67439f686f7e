package org.esscard.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.esscard.platform.testing.OpenApiContract;
import org.junit.jupiter.api.Test;

/**
 * The gateway's one OpenAPI document ({@code docs/api/openapi.json}, served at {@code /api/openapi.json}) is the merge
 * of the services' committed documents by the gateway's routes, and keeps the contract every document keeps.
 * {@code -Desscard.openapi.update=true} rewrites it after a service's document changed.
 */
class MergedOpenApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROUTES = Path.of(System.getProperty("esscard.root", "..")).toAbsolutePath().normalize()
            .resolve("deploy/helm/esscard/routes.txt");
    private static final Path MERGED = OpenApiContract.DOCS.resolve("openapi.json");
    private static final List<String> SERVICES = List.of("account-service", "identity-service", "notification-service", "permit-service");

    @Test
    void theCommittedMergedDocumentIsTheMergeOfTheServices() throws IOException {
        Map<String, JsonNode> services = OpenApiMerge.committedServiceDocuments();
        assertThat(services.keySet()).containsExactlyElementsOf(SERVICES);

        ObjectNode merged = OpenApiMerge.merge(services, OpenApiMerge.routes(ROUTES), info());
        if (Boolean.getBoolean("esscard.openapi.update")) {
            Files.writeString(MERGED, JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(JSON.treeToValue(merged, Object.class)) + "\n", StandardCharsets.UTF_8);
        }

        assertThat(JSON.readTree(MERGED.toFile()))
                .as("%s is not the merge of the services' documents; rewrite it with ./mvnw -pl platform verify"
                        + " -Dtest=MergedOpenApiTest -Desscard.openapi.update=true and commit it", MERGED)
                .isEqualTo(merged);
        OpenApiContract.assertComplete(merged);
    }

    @Test
    void everyRoutedPathOfAServiceIsInTheMergedDocumentOnce() throws IOException {
        JsonNode merged = JSON.readTree(MERGED.toFile());
        List<OpenApiMerge.Route> routes = OpenApiMerge.routes(ROUTES);
        OpenApiMerge.committedServiceDocuments().forEach((service, spec) -> spec.path("paths").fieldNames().forEachRemaining(path -> {
            if (service.equals(OpenApiMerge.serviceOf(routes, path) + "-service")) {
                assertThat(merged.path("paths").get(path)).as("%s of %s", path, service).isEqualTo(spec.path("paths").get(path));
            }
        }));
        assertThat(merged.at("/paths/~1api~1help/get/operationId").asText()).isEqualTo("getHelp");
        assertThat(OpenApiMerge.serviceOf(routes, "/api/openapi.json")).as("the gateway routes the merged document").isEqualTo("account");
    }

    @Test
    void componentsTwoServicesDefineDifferentlyAreRenamedByServiceAndReferencesFollow() {
        JsonNode account = spec("/api/accounts/permit", "getAccountPermit", "PermitView", "{\"type\":\"object\",\"properties\":{\"bound\":{\"type\":\"boolean\"}}}");
        JsonNode permit = spec("/api/permits/{n}", "getPermit", "PermitView", "{\"type\":\"object\",\"properties\":{\"permitNumber\":{\"type\":\"string\"}}}");
        List<OpenApiMerge.Route> routes = List.of(new OpenApiMerge.Route("/api/accounts", true, "account"),
                new OpenApiMerge.Route("/api/permits", true, "permit"));

        ObjectNode merged = OpenApiMerge.merge(new TreeMap<>(Map.of("permit-service", permit, "account-service", account)), routes, info());

        assertThat(iterable(merged.at("/components/schemas"))).containsExactly("AccountPermitView", "PermitPermitView", "Problem");
        assertThat(merged.at("/paths/~1api~1accounts~1permit/get/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/AccountPermitView");
        assertThat(merged.at("/paths/~1api~1permits~1{n}/get/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/PermitPermitView");
        assertThat(merged.at("/paths/~1api~1permits~1{n}/get/responses/404/content/application~1problem+json/schema/$ref").asText())
                .as("a component defined alike is kept once, under its name").isEqualTo("#/components/schemas/Problem");
        assertThat(OpenApiMerge.merge(new TreeMap<>(Map.of("account-service", account, "permit-service", permit)), routes, info()))
                .as("the same whatever order the documents come in").isEqualTo(merged);
    }

    @Test
    void aPathIsTakenOnlyFromTheServiceTheGatewayRoutesItTo() {
        JsonNode account = spec("/api/help", "getHelp", "Help", "{\"type\":\"object\"}");
        JsonNode permit = spec("/api/help", "getHelp", "Help", "{\"type\":\"object\"}");
        List<OpenApiMerge.Route> routes = List.of(new OpenApiMerge.Route("/api/help", false, "account"));

        ObjectNode merged = OpenApiMerge.merge(Map.of("account-service", account, "permit-service", permit), routes, info());

        assertThat(iterable(merged.path("paths"))).containsExactly("/api/help");
        assertThat(iterable(merged.at("/components/schemas"))).containsExactly("Help", "Problem");
    }

    @Test
    void anOperationIdTwiceIsRefused() {
        JsonNode account = spec("/api/accounts/a", "getThing", "A", "{\"type\":\"object\"}");
        JsonNode permit = spec("/api/permits/b", "getThing", "B", "{\"type\":\"object\"}");
        List<OpenApiMerge.Route> routes = List.of(new OpenApiMerge.Route("/api/accounts", true, "account"),
                new OpenApiMerge.Route("/api/permits", true, "permit"));

        assertThatThrownBy(() -> OpenApiMerge.merge(Map.of("account-service", account, "permit-service", permit), routes, info()))
                .hasMessageContaining("operationId getThing");
    }

    @Test
    void theRoutesAreChosenAsTheGatewayChoosesThem() throws IOException {
        List<OpenApiMerge.Route> routes = OpenApiMerge.routes(ROUTES);

        assertThat(OpenApiMerge.serviceOf(routes, "/api/permits/imports")).isEqualTo("permit");
        assertThat(OpenApiMerge.serviceOf(routes, "/api/permits/W123/cancellation")).isEqualTo("permit");
        assertThat(OpenApiMerge.serviceOf(routes, "/api/accounts/login")).isEqualTo("account");
        assertThat(OpenApiMerge.serviceOf(routes, "/api/identity/sessions/{sessionId}")).isEqualTo("identity");
        assertThat(OpenApiMerge.serviceOf(routes, "/api/permitsX")).isNull();
        assertThat(OpenApiMerge.serviceOf(routes, "/q/openapi")).isNull();
    }

    private static ObjectNode info() {
        ObjectNode info = JSON.createObjectNode();
        info.put("title", "eSSCard API");
        info.put("version", "0.1.0");
        info.put("description", "Every operation of the eSSCard services, as the gateway routes them (/api/...). Errors are"
                + " application/problem+json (the Problem schema): branch on code. The services' own documents: /q/openapi on"
                + " each service's port.");
        info.putObject("contact").put("name", "eSSCard hotline 010-12333-2 (Chinese only)");
        return info;
    }

    /** A one-operation document with a component of its own and the Problem component. */
    private static JsonNode spec(String path, String operationId, String schema, String definition) {
        try {
            ObjectNode spec = JSON.createObjectNode().put("openapi", "3.1.0");
            ObjectNode operation = spec.putObject("paths").putObject(path).putObject("get").put("operationId", operationId);
            operation.putArray("tags").add("Things");
            ObjectNode responses = operation.putObject("responses");
            responses.putObject("200").putObject("content").putObject("application/json").putObject("schema")
                    .put("$ref", "#/components/schemas/" + schema);
            ObjectNode problem = responses.putObject("404").putObject("content").putObject("application/problem+json");
            problem.putObject("schema").put("$ref", "#/components/schemas/Problem");
            ObjectNode schemas = spec.putObject("components").putObject("schemas");
            schemas.set(schema, JSON.readTree(definition));
            schemas.set("Problem", JSON.readTree("{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"string\"}}}"));
            spec.putArray("tags").addObject().put("name", "Things");
            return spec;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> iterable(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

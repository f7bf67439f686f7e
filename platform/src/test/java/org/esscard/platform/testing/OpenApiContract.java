package org.esscard.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What every OpenAPI document of the suite must give a client generator (issue 15): an operationId on every operation,
 * unique in the document, tags, and every error response (4xx, 5xx) as {@code application/problem+json} with the
 * {@code Problem} schema and an example per code whose status is the response's. And the committed copy of each
 * service's document ({@code docs/api/<service>.json}, the input of the gateway's merged spec) equal to what the
 * service serves; {@code -Desscard.openapi.update=true} rewrites it.
 */
public final class OpenApiContract {

    /** The folder of the committed documents: one per service, and the merged {@code openapi.json}. */
    public static final Path DOCS = Path.of(System.getProperty("esscard.root", "..")).toAbsolutePath().normalize().resolve("docs/api");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private OpenApiContract() {
    }

    /** Fails with every operation that breaks a rule, one line each. */
    public static void assertComplete(JsonNode spec) {
        List<String> broken = new ArrayList<>();
        Map<String, String> operationIds = new TreeMap<>();
        forEachOperation(spec, (where, operation) -> {
            String id = operation.path("operationId").asText("");
            if (id.isEmpty()) {
                broken.add(where + ": no operationId");
            } else if (operationIds.putIfAbsent(id, where) != null) {
                broken.add(where + ": operationId " + id + " is also " + operationIds.get(id));
            } else if (!id.matches("[a-z][A-Za-z0-9]*")) {
                broken.add(where + ": operationId " + id + " is not lowerCamelCase");
            }
            if (!operation.path("tags").isArray() || operation.path("tags").isEmpty()) {
                broken.add(where + ": no tag");
            }
            int errors = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = operation.path("responses").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> response = it.next();
                if (response.getKey().matches("[45]\\d\\d")) {
                    errors++;
                    checkProblemResponse(where + " " + response.getKey(), Integer.parseInt(response.getKey()), response.getValue(), broken);
                }
            }
            if (errors == 0) {
                broken.add(where + ": no error response");
            }
        });
        assertThat(spec.at("/components/schemas/Problem/properties/code/type").asText()).as("the Problem schema").isEqualTo("string");
        assertThat(broken).as("operations of the OpenAPI document").isEmpty();
    }

    /**
     * The committed copy of {@code service}'s document equals {@code spec} (with {@code -Desscard.openapi.update=true}:
     * is rewritten first, to be committed).
     */
    public static void assertCommitted(String service, JsonNode spec) {
        Path file = DOCS.resolve(service + ".json");
        try {
            if (Boolean.getBoolean("esscard.openapi.update")) {
                Files.createDirectories(DOCS);
                Files.writeString(file, JSON.writeValueAsString(JSON.treeToValue(spec, Object.class)) + "\n", StandardCharsets.UTF_8);
            }
            assertThat(file).as("the committed OpenAPI of %s; write it with -Desscard.openapi.update=true", service).exists();
            assertThat(JSON.readTree(file.toFile()))
                    .as("%s differs from what %s serves: its API changed. Rewrite it with ./mvnw -pl %s verify"
                            + " -Dtest=OpenApiTests -Desscard.openapi.update=true, then the merged docs/api/openapi.json with"
                            + " ./mvnw -pl platform verify -Dtest=MergedOpenApiTest -Desscard.openapi.update=true, and commit both",
                            file, service, service)
                    .isEqualTo(spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Calls {@code check} with "METHOD /path" and the operation object of every operation of {@code spec}. */
    public static void forEachOperation(JsonNode spec, java.util.function.BiConsumer<String, JsonNode> check) {
        spec.path("paths").fields().forEachRemaining(path -> {
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    check.accept(method.toUpperCase() + " " + path.getKey(), operation);
                }
            }
        });
    }

    private static void checkProblemResponse(String where, int status, JsonNode response, List<String> broken) {
        JsonNode content = response.path("content");
        JsonNode problem = content.path("application/problem+json");
        if (problem.isMissingNode()) {
            broken.add(where + ": not application/problem+json");
            return;
        }
        if (content.size() != 1) {
            broken.add(where + ": other media types than application/problem+json");
        }
        if (!problem.at("/schema/$ref").asText().endsWith("/Problem")) {
            broken.add(where + ": schema is not the Problem component");
        }
        JsonNode examples = problem.path("examples");
        if (examples.isEmpty()) {
            broken.add(where + ": no example");
        }
        examples.fields().forEachRemaining(example -> {
            JsonNode value = example.getValue().path("value");
            if (!example.getKey().equals(value.path("code").asText()) || value.path("status").asInt() != status
                    || value.path("detail").asText().isBlank()) {
                broken.add(where + ": example " + example.getKey() + " is not a problem of its code and status " + status);
            }
        });
    }
}

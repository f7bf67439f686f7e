package org.esscard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import org.esscard.events.account.SessionsRevoked;
import org.esscard.events.permit.PermitIssued;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed JSON Schemas are exactly what the records generate (so they cannot drift from the code), each shipped
 * example validates against its schemas, and the envelopes the services build name their schema. After changing a
 * record: {@code ./mvnw -pl events test -Desscard.schemas.update=true} rewrites the files; commit them (the
 * compatibility test then compares them with every earlier version).
 */
class EventSchemasTest {

    private static final ObjectMapper MAPPER = EventJson.mapper();
    private static final Path COMMITTED = Path.of("src/main/resources", EventSchemas.FOLDER);
    private static final boolean UPDATE = Boolean.getBoolean("esscard.schemas.update");
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static final SchemaValidatorsConfig STRICT_FORMATS = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    static Stream<Arguments> types() {
        return EventTypes.ALL.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void committedSchemaIsWhatTheRecordGenerates(String type, Class<? extends EventPayload> payload) throws IOException {
        assertCommitted(type, EventSchemaGenerator.dataSchema(type, payload));
    }

    @Test
    void committedEnvelopeSchemaIsWhatTheRecordGenerates() throws IOException {
        assertCommitted(EventSchemas.ENVELOPE, EventSchemaGenerator.envelopeSchema());
    }

    @Test
    void everyCommittedSchemaBelongsToAType() throws IOException {
        Set<String> expected = new TreeSet<>(EventTypes.ALL.keySet());
        expected.add(EventSchemas.ENVELOPE);
        try (Stream<Path> files = Files.list(COMMITTED)) {
            Set<String> committed = files.map(f -> f.getFileName().toString().replaceFirst("\\.json$", ""))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(committed).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void exampleValidatesAgainstItsSchemas(String type, Class<? extends EventPayload> payload) throws IOException {
        JsonNode example = MAPPER.readTree(Examples.read(payload));

        assertThat(validate(EventSchemas.ENVELOPE, example)).as("the envelope").isEmpty();
        assertThat(validate(type, example.get("data"))).as("the data").isEmpty();
        assertThat(example.path("dataschema").asText()).isEqualTo(EventSchemas.dataschema(type));
    }

    @Test
    void dataThatBreaksItsSchemaIsRefused() throws IOException {
        ObjectNode data = (ObjectNode) MAPPER.readTree(Examples.read(PermitIssued.class)).get("data");
        ObjectNode permit = (ObjectNode) data.get("permit");
        permit.put("version", "two");
        permit.remove("permitNumber");
        permit.put("talentCategory", "D");
        permit.put("validUntil", "31.10.2025");

        Set<String> errors = validate(PermitIssued.TYPE, data);

        assertThat(String.join("\n", errors)).contains("version").contains("permitNumber").contains("talentCategory")
                .contains("validUntil");
    }

    @Test
    void aNullableFieldMayBeNullOrAbsentAndOthersMayNotBeNull() throws IOException {
        ObjectNode data = (ObjectNode) MAPPER.readTree(Examples.read(SessionsRevoked.class)).get("data");
        data.putNull("sessionId");
        assertThat(validate(SessionsRevoked.TYPE, data)).isEmpty();
        data.remove("sessionId");
        assertThat(validate(SessionsRevoked.TYPE, data)).isEmpty();
        data.putNull("tokenSubject");
        assertThat(validate(SessionsRevoked.TYPE, data)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void everyEnvelopeBuiltNamesItsSchema(String type, Class<? extends EventPayload> payload) throws IOException {
        EventPayload data = MAPPER.treeToValue(MAPPER.readTree(Examples.read(payload)).get("data"), payload);

        CloudEvent event = CloudEvent.of("/esscard/test-service", data, MAPPER, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        JsonNode written = MAPPER.readTree(EventJson.write(event));

        assertThat(event.dataschema()).isEqualTo(EventSchemas.dataschema(type));
        assertThat(EventSchemas.read(type)).as("the schema it names ships in the jar").isNotNull();
        assertThat(validate(EventSchemas.ENVELOPE, written)).isEmpty();
        assertThat(validate(type, written.get("data"))).isEmpty();
    }

    private static Set<String> validate(String type, JsonNode value) throws IOException {
        JsonSchema schema = SCHEMAS.getSchema(MAPPER.readTree(EventSchemas.read(type)), STRICT_FORMATS);
        return schema.validate(value).stream().map(ValidationMessage::getMessage).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void assertCommitted(String type, ObjectNode generated) throws IOException {
        Path file = COMMITTED.resolve(type + ".json");
        if (UPDATE) {
            Files.createDirectories(COMMITTED);
            Files.writeString(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(generated) + "\n",
                    StandardCharsets.UTF_8);
        }
        assertThat(file).as("the schema of %s; generate it with ./mvnw -pl events test -Desscard.schemas.update=true", type)
                .exists();
        assertThat(MAPPER.readTree(file.toFile()))
                .as("%s differs from what the record generates; regenerate with -Desscard.schemas.update=true and commit"
                        + " (the compatibility test then checks it against the earlier versions)", file)
                .isEqualTo(generated);
    }
}

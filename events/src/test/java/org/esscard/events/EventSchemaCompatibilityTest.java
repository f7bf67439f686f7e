package org.esscard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.esscard.events.permit.PermitIssued;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event schema stays backward and forward compatible ({@link SchemaCompatibility}) with each earlier version of
 * it committed in git, read with {@code git log} and {@code git show} from the checkout the build runs in. A shallow
 * clone hides those versions, so the test fails then rather than pass on nothing.
 */
class EventSchemaCompatibilityTest {

    private static final ObjectMapper MAPPER = EventJson.mapper();
    private static final Path MODULE_SCHEMAS = Path.of("src/main/resources", EventSchemas.FOLDER);
    private static final Path ROOT = Path.of(System.getProperty("esscard.root", "..")).toAbsolutePath().normalize();

    @BeforeAll
    static void theHistoryIsThere() {
        String inside = git("rev-parse", "--is-inside-work-tree");
        if (!"true".equals(inside)) {
            fail("the schema compatibility check reads earlier schema versions from git, but " + ROOT
                    + " is not a git checkout; run the build in a clone of the repository");
        }
        if ("true".equals(git("rev-parse", "--is-shallow-repository"))) {
            fail("this is a shallow clone (" + ROOT + "): earlier versions of the event schemas are not in it, so their"
                    + " compatibility cannot be checked. Fetch the whole history first: git fetch --unshallow");
        }
    }

    static Stream<String> schemas() throws IOException {
        try (Stream<Path> files = Files.list(MODULE_SCHEMAS)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemas")
    void compatibleWithEveryEarlierCommittedVersion(String file) throws IOException {
        String path = ROOT.relativize(MODULE_SCHEMAS.resolve(file).toAbsolutePath().normalize()).toString();
        JsonNode current = MAPPER.readTree(MODULE_SCHEMAS.resolve(file).toFile());
        List<String> broken = new ArrayList<>();
        String log = git("log", "--format=%H", "--", path);
        for (String commit : log.isBlank() ? List.<String>of() : List.of(log.split("\n"))) {
            String earlier = git("show", commit + ":" + path);
            if (earlier == null) {
                // the commit deleted the file: nothing of it to stay compatible with
                continue;
            }
            for (String violation : SchemaCompatibility.violations(MAPPER.readTree(earlier), current)) {
                broken.add(commit.substring(0, 12) + ": " + violation);
            }
        }
        assertThat(broken)
                .as("%s against its earlier versions; an incompatible change is a new type (.v<N+1>), see events/README.md", path)
                .isEmpty();
    }

    @Test
    void aNullableFieldAddedIsCompatible() {
        ObjectNode now = schema();
        properties(now).putObject("workDistrict").putArray("type").add("string").add("null");

        assertThat(SchemaCompatibility.violations(schema(), now)).isEmpty();
    }

    @Test
    void aRequiredFieldAddedOrRemovedIsNot() {
        ObjectNode added = schema();
        properties(added).putObject("cancelledBy").put("type", "string");
        ((ArrayNode) added.get("required")).add("cancelledBy");
        ObjectNode removed = schema();
        properties(removed).remove("reason");
        ((ArrayNode) removed.get("required")).removeAll();

        assertThat(SchemaCompatibility.violations(schema(), added)).containsExactly(
                "(root): property cancelledBy became required (events written earlier may lack it)");
        assertThat(SchemaCompatibility.violations(schema(), removed)).containsExactly(
                "(root): property reason is no longer required (consumers of the earlier version rely on it)",
                "(root): property reason removed (consumers of the earlier version read it)");
    }

    @Test
    void aTypeOrFormatChangedIsNot() {
        ObjectNode now = schema();
        properties(now).putObject("reason").put("type", "integer");
        ((ObjectNode) properties(now).get("cancelledAt")).put("format", "date");

        assertThat(SchemaCompatibility.violations(schema(), now)).containsExactly(
                "/reason: type [string] became [integer]",
                "/cancelledAt: format date-time became date");
    }

    @Test
    void aNullAllowedOrRefusedIsATypeChange() {
        ObjectNode now = schema();
        ((ObjectNode) properties(now).get("reason")).putArray("type").add("string").add("null");

        assertThat(SchemaCompatibility.violations(schema(), now)).containsExactly("/reason: type [string] became [null, string]");
    }

    @Test
    void anEnumValueAddedOrRemovedIsNot() {
        ObjectNode added = schema();
        ((ArrayNode) properties(added).get("category").get("enum")).add("D");
        ObjectNode removed = schema();
        ((ArrayNode) properties(removed).get("category").get("enum")).remove(0);

        assertThat(SchemaCompatibility.violations(schema(), added)).containsExactly(
                "/category: enum value D added (consumers of the earlier version refuse it)");
        assertThat(SchemaCompatibility.violations(schema(), removed)).containsExactly(
                "/category: enum value A removed (events written earlier carry it)");
    }

    @Test
    void closingAnObjectToUnknownPropertiesIsNot() {
        ObjectNode now = schema();
        now.put("additionalProperties", false);

        assertThat(SchemaCompatibility.violations(schema(), now)).containsExactly(
                "(root): unknown properties are no longer allowed (events may carry fields added later)");
    }

    @Test
    void theCommittedSchemasAreCompatibleWithThemselves() throws IOException {
        JsonNode issued = MAPPER.readTree(EventSchemas.read(PermitIssued.TYPE));

        assertThat(SchemaCompatibility.violations(issued, issued)).isEmpty();
    }

    /** A small schema in the generator's shape: a required string, a date-time, an enum. */
    private static ObjectNode schema() {
        ObjectNode schema = MAPPER.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("reason").put("type", "string");
        properties.putObject("cancelledAt").put("type", "string").put("format", "date-time");
        ObjectNode category = properties.putObject("category").put("type", "string");
        category.putArray("enum").add("A").add("B").add("C");
        schema.putArray("required").add("reason");
        return schema;
    }

    private static ObjectNode properties(ObjectNode schema) {
        return (ObjectNode) schema.get("properties");
    }

    /** The output of {@code git <args>} in the checkout, trimmed; null when git refuses (e.g. no such file there). */
    private static String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", ROOT.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("git " + String.join(" ", args) + " did not finish within 60 s");
            }
            return process.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException e) {
            return fail("git is needed to read the earlier schema versions, and could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running git");
        }
    }
}

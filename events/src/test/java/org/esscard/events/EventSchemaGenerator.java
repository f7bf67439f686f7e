package org.esscard.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;

import jakarta.annotation.Nullable;

/**
 * Makes the JSON Schema (draft 7, the JSON Schema dialect AsyncAPI 3.0 names) of an event type's {@code data} from its payload record, and of the envelope from
 * {@link CloudEvent}, with victools' generator and its Jackson module (property names and ignores as Jackson writes
 * them). A {@link Nullable} component may be null or absent (a Jackson record reads both as null, and fields added
 * after a type's first version are nullable); every other component is required. Unknown properties stay allowed:
 * every record ignores them. Every schema is inlined (no {@code $defs}) so two versions compare property by property.
 */
final class EventSchemaGenerator {

    private static final ObjectMapper MAPPER = EventJson.mapper();
    private static final SchemaGenerator GENERATOR = generator();

    private EventSchemaGenerator() {
    }

    /** The schema of the {@code data} of {@code type}, with its {@code $id} (the type's dataschema) and title. */
    static ObjectNode dataSchema(String type, Class<? extends EventPayload> payload) {
        return identified(GENERATOR.generateSchema(payload), EventSchemas.dataschema(type), type);
    }

    /** The schema of the CloudEvents envelope as the suite writes it. */
    static ObjectNode envelopeSchema() {
        return identified(GENERATOR.generateSchema(CloudEvent.class), EventSchemas.dataschema(EventSchemas.ENVELOPE),
                "CloudEvents 1.0 envelope (structured mode) of every eSSCard event");
    }

    /** {@code $schema}, {@code $id} and {@code title} first, then the generated keywords: one stable order. */
    private static ObjectNode identified(ObjectNode generated, String id, String title) {
        ObjectNode schema = MAPPER.createObjectNode();
        schema.set("$schema", generated.get("$schema"));
        schema.put("$id", id);
        schema.put("title", title);
        generated.fieldNames().forEachRemaining(name -> {
            if (!schema.has(name)) {
                schema.set(name, generated.get(name));
            }
        });
        return schema;
    }

    private static SchemaGenerator generator() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(MAPPER, SchemaVersion.DRAFT_7,
                OptionPreset.PLAIN_JSON)
                .with(new JacksonModule())
                .with(Option.INLINE_ALL_SCHEMAS)
                // "format": date, date-time for the java.time types (a change of format is a change of type)
                .with(Option.STANDARD_FORMATS);
        config.forFields()
                .withNullableCheck(EventSchemaGenerator::nullable)
                .withRequiredCheck(field -> !nullable(field));
        // the envelope's data is any JSON value; its type's own schema says what it holds
        config.forTypesInGeneral().withCustomDefinitionProvider((javaType, context) -> javaType.isInstanceOf(JsonNode.class)
                ? new CustomDefinition(context.getGeneratorConfig().createObjectNode())
                : null);
        return new SchemaGenerator(config.build());
    }

    private static boolean nullable(FieldScope field) {
        return field.getAnnotationConsideringFieldAndGetter(Nullable.class) != null;
    }
}

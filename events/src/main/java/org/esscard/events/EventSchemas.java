package org.esscard.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Where the JSON Schema of each event type lives: its CloudEvents {@code dataschema} (also the schema's {@code $id})
 * and the classpath resource it ships as. The schemas are generated from the payload records and committed
 * ({@code EventSchemasTest} keeps them equal; events/README.md, "Schemas and compatibility").
 */
public final class EventSchemas {

    /** Classpath folder of the schemas, one file per type: {@code <type>.json}, the type ending in its version. */
    public static final String FOLDER = "org/esscard/events/schemas/";

    /** The schema of the envelope itself (every type's {@code data} is checked by its own schema). */
    public static final String ENVELOPE = "cloudevent";

    private static final String URN_PREFIX = "urn:esscard:schema:";

    private EventSchemas() {
    }

    /** The {@code dataschema} URI of a type, e.g. {@code urn:esscard:schema:esscard.permit.PermitIssued.v1}. */
    public static String dataschema(String type) {
        return URN_PREFIX + type;
    }

    /** The classpath resource of the schema of {@code type} (or of {@link #ENVELOPE}). */
    public static String resource(String type) {
        return FOLDER + type + ".json";
    }

    /** The committed schema of {@code type} as JSON text, or {@code null} if there is none. */
    public static String read(String type) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource(type))) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

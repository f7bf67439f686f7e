package org.esscard.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the JSON examples shipped in {@code org/esscard/events/examples/}.
 */
final class Examples {

    static final String FOLDER = "org/esscard/events/examples/";

    private Examples() {
    }

    static String resourceName(Class<?> payloadType) {
        return FOLDER + payloadType.getSimpleName() + ".json";
    }

    /** The example for a payload record, or {@code null} if there is none. */
    static String read(Class<?> payloadType) {
        try (InputStream in = Examples.class.getClassLoader().getResourceAsStream(resourceName(payloadType))) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

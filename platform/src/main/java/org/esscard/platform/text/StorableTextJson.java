package org.esscard.platform.text;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Refuses, while a request body is read, every JSON string (value or map key) that PostgreSQL could not store, for
 * every service's REST layer; {@link #module()} does the same for the mappers a service builds itself (imports).
 */
@Singleton
public class StorableTextJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(module());
    }

    /** The Jackson module: strings and map keys are checked as they are read. */
    public static Module module() {
        SimpleModule module = new SimpleModule("esscard-storable-text");
        module.addDeserializer(String.class, new CheckedStrings());
        module.addKeyDeserializer(String.class, new CheckedKeys());
        return module;
    }

    /** Jackson's own string reading, then the check. */
    static final class CheckedStrings extends StringDeserializer {

        private static final long serialVersionUID = 1L;

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return checked(parser, super.deserialize(parser, context));
        }
    }

    /** Map keys, such as the fields of a free-form object, reach the database as well. */
    static final class CheckedKeys extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            return checked(context.getParser(), key);
        }
    }

    private static String checked(JsonParser parser, String value) throws UnstorableTextException {
        String flaw = StorableText.flaw(value);
        if (flaw != null) {
            throw new UnstorableTextException(parser, flaw);
        }
        return value;
    }
}

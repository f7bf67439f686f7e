package org.esscard.events;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON settings the contracts are written for, and envelope (de)serialization with them.
 */
public final class EventJson {

    private static final ObjectMapper SHARED = mapper();

    private EventJson() {
    }

    /** A new mapper configured for the contracts; a Quarkus service may instead pass its own to {@link #configure}. */
    public static ObjectMapper mapper() {
        return configure(new ObjectMapper());
    }

    /**
     * Applies the contract settings: java.time as ISO-8601 strings (times normalised to UTC on read), and unknown
     * properties ignored so consumers tolerate additive changes.
     */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    /** The envelope as the JSON string that is the Kafka record value. */
    public static String write(CloudEvent event) {
        try {
            return SHARED.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize event " + event.id(), e);
        }
    }

    /**
     * Parses a Kafka record value into an envelope.
     *
     * @throws IllegalArgumentException if the value is not a JSON CloudEvent
     */
    public static CloudEvent read(String json) {
        try {
            return SHARED.readValue(json, CloudEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a CloudEvent: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses a Kafka record value given as bytes (UTF-8). */
    public static CloudEvent read(byte[] json) {
        try {
            return SHARED.readValue(json, CloudEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a CloudEvent: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.esscard.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.annotation.Nullable;

/**
 * A CloudEvents 1.0 envelope in structured mode: the whole JSON object is the Kafka record value.
 *
 * <p>Unknown attributes (CloudEvents extensions a producer may add later) are ignored on read.
 *
 * <p>{@code traceparent} is the CloudEvents Distributed Tracing extension: the W3C trace context of the work that
 * made the event (absent when nothing traced it, e.g. a scheduled scan), so a consumer's span joins that trace.
 *
 * <p>{@code dataschema} names the JSON Schema of {@code data} ({@link EventSchemas#dataschema(String)}); set by
 * {@link #of}, absent from events written before it was (consumers never need it).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        OffsetDateTime time,
        String datacontenttype,
        JsonNode data,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String traceparent,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String dataschema) {

    /** The CloudEvents specification version every envelope carries. */
    public static final String SPEC_VERSION = "1.0";

    /** Content type of {@code data}. */
    public static final String DATA_CONTENT_TYPE = "application/json";

    /** Content type of the whole envelope (structured mode); producers set it as the Kafka {@code content-type} header. */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";

    /**
     * Wraps a payload in a new envelope with a random id, the clock's current time in UTC, the payload's type and
     * subject, and the {@code dataschema} of its type.
     *
     * @param source the producing service, e.g. {@code /esscard/permit-service}
     */
    public static CloudEvent of(String source, EventPayload payload, ObjectMapper mapper, Clock clock) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        return new CloudEvent(SPEC_VERSION, UUID.randomUUID().toString(), source, payload.eventType(),
                payload.subject(), now, DATA_CONTENT_TYPE, toTree(payload, mapper), null,
                EventSchemas.dataschema(payload.eventType()));
    }

    /** An envelope without the tracing extension and without {@code dataschema}. */
    public CloudEvent(String specversion, String id, String source, String type, String subject, OffsetDateTime time,
            String datacontenttype, JsonNode data) {
        this(specversion, id, source, type, subject, time, datacontenttype, data, null, null);
    }

    /** An envelope with {@code traceparent} (null: none) and without {@code dataschema}. */
    public CloudEvent(String specversion, String id, String source, String type, String subject, OffsetDateTime time,
            String datacontenttype, JsonNode data, String traceparent) {
        this(specversion, id, source, type, subject, time, datacontenttype, data, traceparent, null);
    }

    /** The same event with {@code traceparent} as its tracing extension (null: none). */
    public CloudEvent withTraceparent(String traceparent) {
        return new CloudEvent(specversion, id, source, type, subject, time, datacontenttype, data, traceparent, dataschema);
    }

    /**
     * Reads {@code data} as the given payload record.
     *
     * @throws IllegalArgumentException if {@code data} does not fit the record
     */
    public <T> T dataAs(Class<T> type, ObjectMapper mapper) {
        try {
            return mapper.treeToValue(data, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "event " + id + " of type " + this.type + " does not fit " + type.getName() + ": "
                            + e.getOriginalMessage(), e);
        }
    }

    // Through bytes rather than valueToTree: a parsed tree holds small numbers as ints, valueToTree keeps a long as a
    // long, and the two would not be equal, so an envelope would differ from itself after a trip over Kafka.
    private static JsonNode toTree(EventPayload payload, ObjectMapper mapper) {
        try {
            return mapper.readTree(mapper.writeValueAsBytes(payload));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize " + payload.getClass().getName(), e);
        }
    }
}

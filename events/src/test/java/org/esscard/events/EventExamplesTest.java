package org.esscard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each shipped example is a valid envelope for its type and maps exactly onto its payload record.
 */
class EventExamplesTest {

    private static final ObjectMapper MAPPER = EventJson.mapper();

    static Stream<Arguments> examples() {
        return EventTypes.ALL.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> Arguments.of(e.getValue().getSimpleName(), e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleIsAnEnvelopeOfItsType(String name, String type, Class<? extends EventPayload> payloadType) {
        CloudEvent event = EventJson.read(Examples.read(payloadType));
        EventPayload payload = event.dataAs(payloadType, MAPPER);

        assertThat(event.specversion()).isEqualTo("1.0");
        assertThat(UUID.fromString(event.id()).toString()).isEqualTo(event.id());
        assertThat(event.source()).matches("/esscard/[a-z-]+-service");
        assertThat(event.type()).isEqualTo(type).isEqualTo(payload.eventType());
        assertThat(event.subject()).isNotBlank().isEqualTo(payload.subject());
        assertThat(event.datacontenttype()).isEqualTo("application/json");
        assertThat(event.time()).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void dataRoundTripsThroughTheRecord(String name, String type, Class<? extends EventPayload> payloadType)
            throws Exception {
        CloudEvent event = EventJson.read(Examples.read(payloadType));
        EventPayload payload = event.dataAs(payloadType, MAPPER);

        String json = MAPPER.writeValueAsString(payload);
        EventPayload again = MAPPER.readValue(json, payloadType);

        assertThat(again).isEqualTo(payload);
        assertThat(MAPPER.readTree(json)).as("the example has exactly the record's fields").isEqualTo(event.data());
        assertThat(MAPPER.readTree(json).has("eventType")).isFalse();
        assertThat(MAPPER.readTree(json).has("subject")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void envelopeIsWrittenBackAsTheExample(String name, String type, Class<? extends EventPayload> payloadType)
            throws Exception {
        String example = Examples.read(payloadType);

        JsonNode written = MAPPER.readTree(EventJson.write(EventJson.read(example)));

        assertThat(written).isEqualTo(MAPPER.readTree(example));
    }
}

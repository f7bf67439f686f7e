package org.esscard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.esscard.events.account.AccountRegistered;
import org.esscard.events.identity.VerificationLocked;
import org.esscard.events.identity.VerificationMethod;
import org.esscard.events.identity.VerificationPurpose;
import org.esscard.events.permit.PermitCancelled;
import org.esscard.events.permit.PermitSnapshot;
import org.esscard.events.permit.PermitStatus;
import org.esscard.events.permit.PermitUpdated;
import org.esscard.events.permit.TalentCategory;
import org.junit.jupiter.api.Test;

class CloudEventTest {

    private static final String DEFAULT_SOURCE = "/esscard/permit-service";
    private static final String DEFAULT_PERMIT_NUMBER = "W3101202400012345";
    private static final String DEFAULT_HOLDER_NAME = "SMITH JOHN-PAUL";
    private static final Instant DEFAULT_NOW = Instant.parse("2025-06-30T08:05:12.345Z");
    private static final Clock SHANGHAI_CLOCK = Clock.fixed(DEFAULT_NOW, ZoneId.of("Asia/Shanghai"));

    private static final ObjectMapper MAPPER = EventJson.mapper();

    @Test
    void ofFillsTheEnvelopeFromThePayload() {
        PermitCancelled payload = cancelled();

        CloudEvent event = CloudEvent.of(DEFAULT_SOURCE, payload, MAPPER, SHANGHAI_CLOCK);

        assertThat(event.specversion()).isEqualTo("1.0");
        assertThat(UUID.fromString(event.id())).isNotNull();
        assertThat(event.source()).isEqualTo(DEFAULT_SOURCE);
        assertThat(event.type()).isEqualTo("esscard.permit.PermitCancelled.v1");
        assertThat(event.subject()).isEqualTo(DEFAULT_PERMIT_NUMBER);
        assertThat(event.time()).isEqualTo(OffsetDateTime.ofInstant(DEFAULT_NOW, ZoneOffset.UTC));
        assertThat(event.time().getOffset()).as("UTC whatever the clock's zone").isEqualTo(ZoneOffset.UTC);
        assertThat(event.datacontenttype()).isEqualTo("application/json");
        assertThat(event.dataAs(PermitCancelled.class, MAPPER)).isEqualTo(payload);
    }

    @Test
    void everyEventGetsItsOwnId() {
        CloudEvent first = CloudEvent.of(DEFAULT_SOURCE, cancelled(), MAPPER, SHANGHAI_CLOCK);
        CloudEvent second = CloudEvent.of(DEFAULT_SOURCE, cancelled(), MAPPER, SHANGHAI_CLOCK);

        assertThat(first.id()).isNotEqualTo(second.id());
    }

    @Test
    void envelopeSurvivesSerialization() {
        for (EventPayload payload : List.of(cancelled(), updated(), locked(), registered())) {
            CloudEvent event = CloudEvent.of(DEFAULT_SOURCE, payload, MAPPER, SHANGHAI_CLOCK);

            CloudEvent parsed = EventJson.read(EventJson.write(event));

            assertThat(parsed).isEqualTo(event);
            assertThat(parsed.dataAs(payload.getClass(), MAPPER)).isEqualTo(payload);
        }
    }

    @Test
    void timesAreWrittenAsIsoStrings() throws Exception {
        CloudEvent event = CloudEvent.of(DEFAULT_SOURCE, cancelled(), MAPPER, SHANGHAI_CLOCK);

        JsonNode json = MAPPER.readTree(EventJson.write(event));

        assertThat(json.get("time").isTextual()).isTrue();
        assertThat(json.get("time").asText()).isEqualTo("2025-06-30T08:05:12.345Z");
        assertThat(json.at("/data/cancelledAt").asText()).isEqualTo("2025-06-30T08:05:11Z");
        assertThat(json.at("/data/permit/validUntil").asText()).isEqualTo("2025-10-31");
        assertThat(json.get("specversion").asText()).isEqualTo("1.0");
        assertThat(json.has("eventType")).isFalse();
    }

    @Test
    void timeWithAnotherOffsetIsReadAsTheSameInstantInUtc() throws Exception {
        ObjectNode json = (ObjectNode) MAPPER.readTree(EventJson.write(
                CloudEvent.of(DEFAULT_SOURCE, cancelled(), MAPPER, SHANGHAI_CLOCK)));
        json.put("time", "2025-06-30T16:05:12.345+08:00");

        CloudEvent parsed = EventJson.read(MAPPER.writeValueAsString(json));

        assertThat(parsed.time()).isEqualTo(OffsetDateTime.ofInstant(DEFAULT_NOW, ZoneOffset.UTC));
    }

    @Test
    void unknownPropertiesAreTolerated() throws Exception {
        ObjectNode json = (ObjectNode) MAPPER.readTree(EventJson.write(
                CloudEvent.of(DEFAULT_SOURCE, cancelled(), MAPPER, SHANGHAI_CLOCK)));
        json.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        ((ObjectNode) json.get("data")).put("cancelledBy", "permit-authority-officer-7");
        ((ObjectNode) json.at("/data/permit")).put("workDistrict", "Pudong");

        CloudEvent parsed = EventJson.read(MAPPER.writeValueAsString(json));

        assertThat(parsed.dataAs(PermitCancelled.class, MAPPER)).isEqualTo(cancelled());
    }

    @Test
    void unknownPropertiesAreToleratedEvenByAStrictMapper() throws Exception {
        ObjectMapper strict = new ObjectMapper().registerModule(new JavaTimeModule());
        ObjectNode json = (ObjectNode) MAPPER.readTree(EventJson.write(
                CloudEvent.of(DEFAULT_SOURCE, registered(), MAPPER, SHANGHAI_CLOCK)));
        json.put("partitionkey", DEFAULT_PERMIT_NUMBER);
        ((ObjectNode) json.get("data")).put("channel", "app");

        CloudEvent parsed = strict.readValue(MAPPER.writeValueAsString(json), CloudEvent.class);

        assertThat(parsed.dataAs(AccountRegistered.class, strict)).isEqualTo(registered());
    }

    @Test
    void dataThatDoesNotFitIsRejectedPlainly() {
        CloudEvent valid = CloudEvent.of(DEFAULT_SOURCE, locked(), MAPPER, SHANGHAI_CLOCK);
        ObjectNode data = valid.data().deepCopy();
        data.put("consecutiveFailures", "six");
        CloudEvent event = new CloudEvent(valid.specversion(), valid.id(), valid.source(), valid.type(),
                valid.subject(), valid.time(), valid.datacontenttype(), data);

        assertThatThrownBy(() -> event.dataAs(VerificationLocked.class, MAPPER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(event.id()).hasMessageContaining(VerificationLocked.TYPE);
    }

    @Test
    void notAnEnvelopeIsRejectedPlainly() {
        assertThatThrownBy(() -> EventJson.read("{\"specversion\": ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a CloudEvent");
    }

    private static PermitSnapshot permit(PermitStatus status, LocalDate validUntil, long version) {
        return new PermitSnapshot(DEFAULT_PERMIT_NUMBER, DEFAULT_HOLDER_NAME, "533380006", "GBR",
                "Shanghai Example Technology Co., Ltd.", "Senior Software Engineer", "Shanghai", TalentCategory.B,
                LocalDate.parse("2024-11-01"), validUntil, status, version);
    }

    private static PermitCancelled cancelled() {
        return new PermitCancelled(permit(PermitStatus.CANCELLED, LocalDate.parse("2025-10-31"), 2),
                "Employment contract terminated", Instant.parse("2025-06-30T08:05:11Z"));
    }

    private static PermitUpdated updated() {
        return new PermitUpdated(permit(PermitStatus.ACTIVE, LocalDate.parse("2026-10-31"), 3_000_000_000L),
                PermitUpdated.EXTENDED);
    }

    private static VerificationLocked locked() {
        return new VerificationLocked("9a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", VerificationPurpose.REGISTRATION,
                DEFAULT_PERMIT_NUMBER, VerificationMethod.FACE, 6,
                List.of(VerificationMethod.BANK_CARD, VerificationMethod.MOBILE),
                Instant.parse("2024-11-20T03:10:01.123456789Z"));
    }

    private static AccountRegistered registered() {
        return new AccountRegistered("5f0c8a52-3c1e-4d7a-9b6e-2f4d8c1a7e90", null, DEFAULT_HOLDER_NAME,
                "E310100000012345", Instant.parse("2024-11-20T03:12:46Z"), null);
    }
}

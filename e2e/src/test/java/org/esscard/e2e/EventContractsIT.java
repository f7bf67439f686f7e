package org.esscard.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.esscard.events.EventJson;
import org.esscard.events.EventSchemas;
import org.esscard.events.EventTypes;
import org.esscard.events.Topics;
import org.esscard.platform.testing.TopicReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/**
 * The events the running suite actually produces keep their contract (issue 15, item 6): after a journey that makes
 * one of most types (issue, extend, register with face, log out, cancel), every record on the three topics, this
 * journey's and any other test's, is an envelope that validates against the committed envelope schema, names the
 * schema of its type in dataschema, is keyed by its subject, and has data that validates against that schema.
 */
class EventContractsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String NAME = "MUELLER ANNA-LENA";
    private static final String PASSWORD = "Contract#2026";
    private static final ObjectMapper JSON = EventJson.mapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    private static RunningSuite suite;
    private static Authority authority;

    @BeforeAll
    static void suite() {
        suite = RunningSuite.get();
        authority = new Authority(suite);
    }

    @Test
    void everyEventTheSuiteProducesValidatesAgainstTheSchemaItNames() throws Exception {
        String permit = authority.issue(NAME, "A", LocalDate.now().plusYears(1));
        String authorityToken = suite.staffLogin("authority", "Authority#2026");
        given().auth().oauth2(authorityToken).contentType(ContentType.JSON)
                .body(Map.of("validUntil", LocalDate.now().plusYears(2).toString()))
                .when().post(suite.permit.url("/api/permits/{n}/extension"), permit)
                .then().statusCode(200);
        HolderApp app = new HolderApp(suite, NAME, permit, PASSWORD, "en");
        // right after the issue account-service may not have read the permit yet (PERMIT_NOT_FOUND): the form is sent again
        AtomicReference<HolderApp.Registration> registered = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> registered.set(app.register(null)));
        HolderApp.Registration registration = registered.get();
        app.face(registration.session("REGISTRATION")).statusCode(200).body("status", equalTo("VERIFIED"));
        app.awaitActive(registration.accountId());
        app.login().statusCode(200);
        app.request().body(Map.of("refresh_token", app.refreshToken)).when().post(suite.account.url("/api/accounts/logout"))
                .then().statusCode(204);
        authority.cancel(permit, "Employment ended");
        // and support erases the holder (issue 18): HolderErased, and the ledger's entry and reports
        String pseudonym = given().auth().oauth2(suite.staffLogin("support", "Support#2026")).contentType(ContentType.JSON)
                .body(Map.of("permitNumber", permit)).when().post(suite.permit.url("/api/permits/erasures"))
                .then().statusCode(202).extract().path("pseudonym");

        Map<String, List<String>> expected = Map.of(
                Topics.PERMIT_EVENTS, List.of(EventTypes.PERMIT_ISSUED, EventTypes.PERMIT_UPDATED, EventTypes.PERMIT_CANCELLED,
                        EventTypes.HOLDER_ERASED),
                Topics.IDENTITY_EVENTS, List.of(EventTypes.IDENTITY_VERIFIED),
                Topics.ACCOUNT_EVENTS, List.of(EventTypes.ACCOUNT_REGISTERED, EventTypes.SESSIONS_REVOKED),
                Topics.ERASURE_LEDGER, List.of(EventTypes.ERASURE_RECORDED, EventTypes.ERASURE_CARRIED_OUT));
        List<String> broken = new ArrayList<>();
        Set<String> typesSeen = new TreeSet<>();
        for (Map.Entry<String, List<String>> topic : expected.entrySet()) {
            List<ConsumerRecord<String, String>> records = TopicReader.readUntil(topic.getKey(),
                    read -> typesOf(read, permit, registration.accountId(), pseudonym).containsAll(topic.getValue()), PATIENCE);
            assertThat(typesOf(records, permit, registration.accountId(), pseudonym)).as("this journey's events on %s", topic.getKey())
                    .containsAll(topic.getValue());
            for (ConsumerRecord<String, String> record : records) {
                String where = record.topic() + "/" + record.partition() + "@" + record.offset();
                JsonNode envelope = JSON.readTree(record.value());
                String type = envelope.path("type").asText();
                typesSeen.add(type);
                validate(where + " envelope", EventSchemas.ENVELOPE, envelope, broken);
                if (EventSchemas.read(type) == null) {
                    broken.add(where + ": type " + type + " has no committed schema");
                    continue;
                }
                validate(where + " " + type, type, envelope.get("data"), broken);
                if (!EventSchemas.dataschema(type).equals(envelope.path("dataschema").asText())) {
                    broken.add(where + ": dataschema " + envelope.path("dataschema") + " is not that of " + type);
                }
                if (!envelope.path("subject").asText().equals(record.key())) {
                    broken.add(where + ": key " + record.key() + " is not the subject " + envelope.path("subject"));
                }
            }
        }

        assertThat(broken).as("records that break their contract (types seen: %s)", typesSeen).isEmpty();
    }

    private static Set<String> typesOf(List<ConsumerRecord<String, String>> records, String permit, String accountId, String pseudonym) {
        Set<String> types = new TreeSet<>();
        for (ConsumerRecord<String, String> record : records) {
            // the ledger's keys: the pseudonym, and pseudonym/service for the reports
            if (permit.equals(record.key()) || accountId.equals(record.key()) || record.key() != null && record.key().startsWith(pseudonym)) {
                types.add(EventJson.read(record.value()).type());
            }
        }
        return types;
    }

    private static void validate(String where, String type, JsonNode value, List<String> broken) throws Exception {
        JsonSchema schema = SCHEMAS.getSchema(JSON.readTree(EventSchemas.read(type)));
        for (ValidationMessage message : schema.validate(value)) {
            broken.add(where + ": " + message.getMessage());
        }
    }
}

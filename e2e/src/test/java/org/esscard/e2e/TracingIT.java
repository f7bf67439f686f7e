package org.esscard.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import org.esscard.e2e.OtlpReceiver.ReceivedSpan;
import org.esscard.events.permit.PermitCancelled;
import org.esscard.platform.testing.SimulatorClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/**
 * Traces as an operator reads them in Jaeger or Tempo: the suite exports to an OTLP receiver of the test's own
 * (RunningSuite.traces), and one trace id follows a cancellation from the authority's request through permit-service's
 * outbox and Kafka into notification-service, its inbox entry and the SMS to the holder.
 */
class TracingIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String NAME = "SMITH JOHN-PAUL";

    private static RunningSuite suite;
    private static Authority authority;

    @BeforeAll
    static void suite() {
        suite = RunningSuite.get();
        authority = new Authority(suite);
    }

    /** A new trace, as the authority's own traced system would start it: {@code 00-<trace id>-<span id>-01}. */
    private static String[] newTrace() {
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        ThreadLocalRandom.current().nextBytes(trace);
        ThreadLocalRandom.current().nextBytes(span);
        String traceId = HexFormat.of().formatHex(trace);
        return new String[] {traceId, "00-" + traceId + "-" + HexFormat.of().formatHex(span) + "-01"};
    }

    @Test
    void aCancellationIsOneTrace_fromTheAuthoritysRequest_throughTheOutboxAndKafka_toTheInboxEntryAndTheSms() {
        SimulatorClient simulator = new SimulatorClient(suite.simulator.url(""));
        String mobile = SimulatorClient.newMobile();
        HolderApp holder = new HolderApp(suite, NAME, authority.issue(NAME), "Traced#2026", "en").registeredByMobile(simulator, mobile);
        String authorityToken = suite.staffLogin("authority", "Authority#2026");
        String support = suite.staffLogin("support", "Support#2026");

        String[] trace = newTrace();
        given().auth().oauth2(authorityToken).header("traceparent", trace[1]).contentType(ContentType.JSON)
                .body(Map.of("reason", "Employment ended"))
                .when().post(suite.permit.url("/api/permits/{n}/cancellation"), holder.permitNumber)
                .then().statusCode(200).body("status", equalTo("CANCELLED"));

        // what the holder and support see: the inbox entry and the SMS sent
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(support)
                .when().get(suite.notification.url("/api/notifications/support/permits/{n}/deliveries"), holder.permitNumber)
                .then().statusCode(200)
                .body("findAll { it.kind == 'PERMIT_CANCELLED' && it.channel == 'SMS' }.status", equalTo(List.of("SENT"))));

        // and what the operator sees: every step under the authority's trace id, each the child of the one before
        String traceId = trace[0];
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<ReceivedSpan> spans = suite.traces.spansOf(traceId);
            ReceivedSpan request = one(spans, s -> s.service().equals("permit-service") && s.kind().equals("SERVER")
                    && s.name().contains("cancellation"));
            ReceivedSpan publish = one(spans, s -> s.service().equals("permit-service") && s.kind().equals("PRODUCER")
                    && s.name().equals("permit-events publish"));
            ReceivedSpan consume = one(spans, s -> s.service().equals("notification-service") && s.kind().equals("CONSUMER")
                    && s.name().equals("permit-events process") && s.hasAttribute("cloudevents.event_type", PermitCancelled.TYPE));
            ReceivedSpan deliver = one(spans, s -> s.service().equals("notification-service") && s.name().equals("deliver SMS"));
            ReceivedSpan smsCall = one(spans, s -> s.service().equals("notification-service") && s.kind().equals("CLIENT")
                    && s.parentSpanId().equals(deliver.spanId()));

            assertThat(ancestors(spans, publish)).as("the publish span descends from the authority's request").contains(request.spanId());
            assertThat(consume.parentSpanId()).as("the consumer continues the record's traceparent header").isEqualTo(publish.spanId());
            assertThat(deliver.parentSpanId()).as("the SMS is sent under the consumer's span").isEqualTo(consume.spanId());
            assertThat(smsCall.name()).startsWith("POST");
        });
        assertThat(simulator.sms(mobile)).anyMatch(text -> text.contains("Your work permit was cancelled"));
    }

    @Test
    void aProblemDocumentCarriesTheTraceIdToQuote() {
        String authorityToken = suite.staffLogin("authority", "Authority#2026");
        String[] trace = newTrace();
        given().auth().oauth2(authorityToken).header("traceparent", trace[1]).contentType(ContentType.JSON)
                .body(Map.of("reason", "Employment ended"))
                .when().post(suite.permit.url("/api/permits/{n}/cancellation"), Authority.newPermitNumber())
                .then().statusCode(404).contentType("application/problem+json").body("traceId", equalTo(trace[0]));
        // without a caller's trace the service starts one, and still says which
        String traceId = given().when().get(suite.permit.url("/api/permits/mine"))
                .then().statusCode(401).contentType("application/problem+json").extract().path("traceId");
        assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
    }

    private static ReceivedSpan one(List<ReceivedSpan> spans, Predicate<ReceivedSpan> which) {
        List<ReceivedSpan> found = spans.stream().filter(which).toList();
        assertThat(found).as("spans of the trace: %s", spans).hasSize(1);
        return found.get(0);
    }

    /** The span ids above {@code span} in its trace, nearest first. */
    private static List<String> ancestors(List<ReceivedSpan> spans, ReceivedSpan span) {
        java.util.ArrayList<String> up = new java.util.ArrayList<>();
        String parent = span.parentSpanId();
        while (!parent.isEmpty()) {
            up.add(parent);
            String id = parent;
            parent = spans.stream().filter(s -> s.spanId().equals(id)).map(ReceivedSpan::parentSpanId).findFirst().orElse("");
        }
        return up;
    }
}

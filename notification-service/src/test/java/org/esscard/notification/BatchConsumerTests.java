package org.esscard.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.esscard.events.CloudEvent;
import org.esscard.events.Topics;
import org.esscard.events.permit.PermitCancelled;
import org.esscard.events.permit.PermitExpiring;
import org.esscard.events.permit.PermitIssued;
import org.esscard.events.permit.PermitStatus;
import org.esscard.platform.testing.TestTokens;
import org.esscard.platform.testing.TopicReader;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * R19 reminders taken a polled batch at a time (platform's {@code EventConsumer.consumeBatch}): each test publishes its
 * records in one producer request, so they reach notification-service in one poll and one transaction.
 */
@QuarkusTest
class BatchConsumerTests {

    private static final String PERMIT_SERVICE = "/esscard/permit-service";
    private static final String DLQ = "permit-events.notification-service.dlq";
    private static final LocalDate VALID_UNTIL = LocalDate.now().plusDays(30);
    private static final int PERMITS = 6;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void R19_poisonRecordsInTheMiddleOfABatchAreDeadLetteredAlone_andEveryOtherCancellationMakesOneEntry() {
        List<String> permits = permits();
        List<Events.Record> batch = cancellations(permits);
        String unreadable = "{\"not\": \"a cloud event\", \"permit\": \"" + permits.get(0) + "\"}";
        // a CloudEvent whose data is not a PermitCancelled: only applying it finds out, so the batch is rolled back first
        CloudEvent unusable = new CloudEvent("1.0", java.util.UUID.randomUUID().toString(), PERMIT_SERVICE, PermitCancelled.TYPE,
                permits.get(1), java.time.OffsetDateTime.now(), "application/json",
                org.esscard.events.EventJson.mapper().createObjectNode().put("permit", "not a permit snapshot"));
        batch.add(2, new Events.Record(permits.get(0), unreadable));
        batch.add(4, new Events.Record(permits.get(1), Events.json(unusable)));

        Events.publishTogether(Topics.PERMIT_EVENTS, batch);
        for (String permit : permits) {
            Events.awaitConsumed(dataSource, Topics.PERMIT_EVENTS, permit);
        }

        for (String permit : permits) {
            inbox(permit).body("total", equalTo(1)).body("items[0].kind", equalTo("PERMIT_CANCELLED"));
        }
        // the markers above were applied after the batch, which is acknowledged only once its dead letters are written
        List<ConsumerRecord<String, String>> dead = TopicReader.readUntil(DLQ,
                records -> records.stream().filter(r -> permits.contains(r.key())).count() >= 2, Duration.ofSeconds(30));
        List<ConsumerRecord<String, String>> ours = dead.stream().filter(r -> permits.contains(r.key())).toList();
        assertThat(ours).extracting(ConsumerRecord::value).containsExactlyInAnyOrder(unreadable, Events.json(unusable));
        assertThat(ours).extracting(r -> new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .anyMatch(reason -> reason.contains("not a CloudEvent"))
                .anyMatch(reason -> reason.contains("is not a PermitCancelled"));
    }

    @Test
    void R19_aRedeliveredBatchMakesNoSecondEntry() {
        List<String> permits = permits();
        List<Events.Record> batch = cancellations(permits);
        Events.publishTogether(Topics.PERMIT_EVENTS, batch);
        Events.awaitConsumed(dataSource, Topics.PERMIT_EVENTS, permits.get(PERMITS - 1));

        // the same records again, as Kafka redelivers a batch whose offsets were not committed
        Events.publishTogether(Topics.PERMIT_EVENTS, batch);
        for (String permit : permits) {
            Events.awaitConsumed(dataSource, Topics.PERMIT_EVENTS, permit);
        }

        for (String permit : permits) {
            inbox(permit).body("total", equalTo(1));
            given().auth().oauth2(TestTokens.support()).when().get("/api/notifications/support/permits/" + permit + "/deliveries")
                    .then().statusCode(200).body("size()", equalTo(2));
        }
    }

    @Test
    void R19_onePermitsEventsInOneBatchAreAppliedInTheirOrder_soALateReminderAfterTheCancellationMakesNoEntry() {
        String permit = Events.newPermitNumber();
        List<Events.Record> batch = new ArrayList<>();
        batch.add(record(new PermitIssued(Events.permit(permit, PermitStatus.ACTIVE, VALID_UNTIL, 0))));
        batch.add(record(new PermitExpiring(Events.permit(permit, PermitStatus.ACTIVE, VALID_UNTIL, 0), 30, 30)));
        batch.add(record(new PermitCancelled(Events.permit(permit, PermitStatus.CANCELLED, VALID_UNTIL, 1), "Left China", Events.now())));
        batch.add(record(new PermitExpiring(Events.permit(permit, PermitStatus.ACTIVE, VALID_UNTIL, 0), 7, 7)));

        Events.publishTogether(Topics.PERMIT_EVENTS, batch);
        Events.awaitConsumed(dataSource, Topics.PERMIT_EVENTS, permit);

        inbox(permit).body("total", equalTo(3))
                .body("items.kind", equalTo(List.of("PERMIT_CANCELLED", "PERMIT_EXPIRING", "PERMIT_ISSUED")))
                .body("items[1].title", equalTo("Your work permit expires in 30 days"));
    }

    private static io.restassured.response.ValidatableResponse inbox(String permit) {
        return given().auth().oauth2(TestTokens.support()).header("Accept-Language", "en").when().get("/api/notifications/support/permits/" + permit + "/inbox")
                .then().statusCode(200);
    }

    private static List<String> permits() {
        List<String> permits = new ArrayList<>();
        for (int i = 0; i < PERMITS; i++) {
            permits.add(Events.newPermitNumber());
        }
        return permits;
    }

    private static List<Events.Record> cancellations(List<String> permits) {
        List<Events.Record> batch = new ArrayList<>();
        for (String permit : permits) {
            batch.add(record(new PermitCancelled(Events.permit(permit, PermitStatus.CANCELLED, VALID_UNTIL, 1), "Employment ended",
                    Events.now())));
        }
        return batch;
    }

    private static Events.Record record(org.esscard.events.EventPayload payload) {
        CloudEvent event = Events.event(PERMIT_SERVICE, payload);
        return new Events.Record(event.subject(), Events.json(event));
    }
}

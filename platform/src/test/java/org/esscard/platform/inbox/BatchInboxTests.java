package org.esscard.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.platform.support.InboxTestConsumer;
import org.esscard.platform.support.TestHappened;
import org.esscard.platform.testing.KafkaBrokerProcess;
import org.esscard.platform.testing.Metrics;
import org.esscard.platform.testing.TopicReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The batch consumer ({@link EventConsumer#consumeBatch}): one transaction per polled batch, through a real broker into
 * real PostgreSQL. Each test sends its records in one producer batch (linger), so they reach the consumer in one poll.
 */
@QuarkusTest
class BatchInboxTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper MAPPER = EventJson.mapper();
    private static final String TOPIC = "inbox-batch-test";
    private static final String DLQ = "inbox-batch-test-dlq";
    private static final int PER_KEY = 6;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    InboxTestConsumer consumer;

    private KafkaProducer<String, String> producer;

    @BeforeEach
    void producer() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerProcess.shared().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                // everything a test sends goes out in one request, so it is fetched in one poll
                ProducerConfig.LINGER_MS_CONFIG, 200));
    }

    @AfterEach
    void close() {
        producer.close();
    }

    @Test
    void anUnreadableRecordInTheMiddleOfABatch_isDeadLetteredAlone_andTheOthersAreAppliedOnceInOrder() throws Exception {
        String run = run();
        List<Sent> batch = new ArrayList<>(interleaved(run));
        int middle = batch.size() / 2;
        batch.add(middle, new Sent(run + "-a", "this is not a CloudEvent {" + run, null));
        double deadBefore = deadLetters();

        sendTogether(batch);

        awaitApplied(batch);
        assertAppliedOnceInOrder(batch);
        assertCameInOneBatch(batch.size());
        assertOnlyTheseDeadLettered(run, List.of("this is not a CloudEvent {" + run));
        // the unreadable record and the end marker behind it (not a CloudEvent either)
        assertThat(deadLetters()).as("esscard_inbox_dead_letters_total").isEqualTo(deadBefore + 2);
    }

    @Test
    void aRecordTheEffectCannotUse_rollsTheBatchBack_thenIsDeadLetteredAlone_andTheOthersAreAppliedOnceInOrder() throws Exception {
        String run = run();
        List<Sent> batch = new ArrayList<>(interleaved(run));
        Sent poison = event(InboxTestConsumer.POISON_IN_EFFECT + run, 1);
        batch.add(batch.size() / 2, poison);

        double deadBefore = deadLetters();
        sendTogether(batch);

        List<Sent> good = batch.stream().filter(s -> s != poison).toList();
        awaitApplied(good);
        assertAppliedOnceInOrder(good);
        assertCameInOneBatch(batch.size());
        assertOnlyTheseDeadLettered(run, List.of(poison.value()));
        // counted once, when it was dead-lettered alone, not when the batch it was in rolled back; and the end marker
        assertThat(deadLetters()).as("esscard_inbox_dead_letters_total").isEqualTo(deadBefore + 2);
        // its effect's row was rolled back with the batch, and written again and rolled back alone
        assertThat(effects(poison.event().id())).isZero();
    }

    @Test
    void aRedeliveredBatch_andAnEventTwiceInOneBatch_areAppliedOnce() throws Exception {
        String run = run();
        List<Sent> batch = new ArrayList<>(interleaved(run));
        batch.add(batch.get(2));
        sendTogether(batch);
        awaitApplied(batch);

        // the same records again, as Kafka redelivers a batch whose offsets were not committed, then a marker behind them
        List<Sent> again = new ArrayList<>(batch);
        Sent marker = event(run + "-a", PER_KEY + 1);
        again.add(marker);
        sendTogether(again);
        awaitApplied(List.of(marker));

        for (Sent sent : batch) {
            assertThat(effects(sent.event().id())).as("effects of %s", sent.event().id()).isEqualTo(1);
        }
    }

    private static double deadLetters() {
        return Metrics.value("esscard_inbox_dead_letters_total", Map.of("consumer", "inbox-batch-test"));
    }

    /** Two keys, {@value #PER_KEY} events each, interleaved: a-1, b-1, a-2, b-2, … */
    private static List<Sent> interleaved(String run) {
        List<Sent> sent = new ArrayList<>();
        for (int seq = 1; seq <= PER_KEY; seq++) {
            sent.add(event(run + "-a", seq));
            sent.add(event(run + "-b", seq));
        }
        return sent;
    }

    private static Sent event(String key, int seq) {
        CloudEvent event = CloudEvent.of("/test", new TestHappened(key, seq), MAPPER, Clock.systemUTC());
        try {
            return new Sent(key, MAPPER.writeValueAsString(event), event);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void sendTogether(List<Sent> records) throws Exception {
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
        for (Sent sent : records) {
            ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, sent.key(), sent.value());
            record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
            acks.add(producer.send(record));
        }
        for (java.util.concurrent.Future<?> ack : acks) {
            ack.get();
        }
    }

    private void awaitApplied(List<Sent> records) {
        await().atMost(PATIENCE).until(() -> records.stream().filter(s -> s.event() != null).allMatch(s -> effects(s.event().id()) >= 1));
    }

    /** Each event once, and each key's events in the order they were sent (test_effect ids grow as rows are written). */
    private void assertAppliedOnceInOrder(List<Sent> records) throws Exception {
        for (String key : records.stream().filter(s -> s.event() != null).map(Sent::key).distinct().toList()) {
            List<String> expected = records.stream().filter(s -> s.event() != null && s.key().equals(key)).map(s -> s.event().id()).toList();
            assertThat(appliedInOrder(key)).as("events of %s, in the order applied", key).containsExactlyElementsOf(expected);
        }
    }

    private void assertCameInOneBatch(int size) {
        assertThat(consumer.batchSizes()).as("sizes of the batches the consumer was handed").anyMatch(n -> n >= size);
    }

    /**
     * Dead-letters of this run are exactly {@code values}. An unreadable end marker is sent behind them: the dead-letter
     * topic has one partition and a batch is acknowledged only after its dead-letters were written, so everything the
     * test's batch dead-lettered lies before the marker.
     */
    private void assertOnlyTheseDeadLettered(String run, List<String> values) throws Exception {
        String end = "end of " + run;
        sendTogether(List.of(new Sent(run + "-end", end, null)));
        List<ConsumerRecord<String, String>> dead = TopicReader.readUntil(DLQ,
                records -> records.stream().anyMatch(r -> end.equals(r.value())), PATIENCE);
        List<ConsumerRecord<String, String>> ours = dead.stream()
                .filter(r -> r.key() != null && r.key().contains(run) && !end.equals(r.value())).toList();
        assertThat(ours).extracting(ConsumerRecord::value).containsExactlyElementsOf(values);
        assertThat(ours).allSatisfy(r -> assertThat(new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .isNotBlank());
    }

    private int effects(String eventId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement count = c.prepareStatement("select count(*) from test_effect where event_id = ?")) {
            count.setString(1, eventId);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> appliedInOrder(String subject) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select event_id from test_effect where subject = ? order by id")) {
            s.setString(1, subject);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    private static String run() {
        return "batch-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private record Sent(String key, String value, CloudEvent event) {
    }
}

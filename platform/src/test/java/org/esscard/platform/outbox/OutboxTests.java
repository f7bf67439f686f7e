package org.esscard.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.platform.support.TestHappened;
import org.esscard.platform.testing.KafkaBrokerProcess;
import org.esscard.platform.testing.TopicReader;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

/** The transactional outbox against real PostgreSQL and a real Kafka broker process. */
@QuarkusTest
class OutboxTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper MAPPER = EventJson.mapper();

    @Inject
    Outbox outbox;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    /** The relay's failed publish attempts (esscard_outbox_failures_total). */
    private io.micrometer.core.instrument.Counter failures;

    @org.junit.jupiter.api.BeforeEach
    void failures() {
        failures = registry.counter("esscard.outbox.failures");
    }

    @Test
    void committedEventsArePublishedKeyedBySubjectInOrderPerKey() throws Throwable {
        String topic = "outbox-order-" + UUID.randomUUID();
        for (int seq = 0; seq < 20; seq++) {
            write(topic, new TestHappened(seq % 2 == 0 ? "permit-A" : "permit-B", seq));
        }

        List<ConsumerRecord<String, String>> records = TopicReader.readUntil(topic, r -> r.size() >= 20, PATIENCE);

        assertThat(records).hasSize(20);
        Map<String, List<Integer>> seqByKey = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            TestHappened payload = parse(record).dataAs(TestHappened.class, MAPPER);
            assertThat(record.key()).isEqualTo(payload.key());
            assertThat(new String(record.headers().lastHeader("content-type").value())).startsWith("application/cloudevents+json");
            seqByKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(payload.seq());
        }
        assertThat(seqByKey.get("permit-A")).isSorted().hasSize(10);
        assertThat(seqByKey.get("permit-B")).isSorted().hasSize(10);
    }

    @Test
    void addAllOverJdbc_everyEventPublishedOnceAsWritten_inOrderPerKey() throws Throwable {
        String topic = "outbox-add-all-" + UUID.randomUUID();
        List<CloudEvent> events = new ArrayList<>();
        for (int seq = 0; seq < 300; seq++) {
            // quotes, backslashes and non-ASCII in the payload: the rows travel as SQL arrays
            events.add(outbox.event(new TestHappened("permit-\"" + (seq % 7) + "\\ 张", seq)));
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            outbox.addAll(c, topic, events.subList(0, 150));
            outbox.addAll(c, topic, events.subList(150, 300));
            c.commit();
        }

        List<ConsumerRecord<String, String>> records = TopicReader.readUntil(topic, r -> r.size() >= 300, PATIENCE);

        assertThat(records).hasSize(300);
        Map<String, CloudEvent> written = events.stream().collect(Collectors.toMap(CloudEvent::id, e -> e));
        Map<String, List<Integer>> seqByKey = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            CloudEvent event = parse(record);
            assertThat(event).isEqualTo(written.get(event.id()));
            assertThat(record.key()).isEqualTo(event.subject());
            seqByKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(event.dataAs(TestHappened.class, MAPPER).seq());
        }
        assertThat(records).extracting(r -> parse(r).id()).doesNotHaveDuplicates();
        assertThat(seqByKey).hasSize(7).allSatisfy((key, seqs) -> assertThat(seqs).isSorted().doesNotHaveDuplicates());
    }

    @Test
    void rolledBackTransactionLeavesNoEvent() throws Throwable {
        String topic = "outbox-rollback-" + UUID.randomUUID();
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.add(topic, new TestHappened("k", 1))
                    .chain(() -> Uni.createFrom().failure(new IllegalStateException("state change failed")))));
        } catch (IllegalStateException expected) {
            // the state change failed, so its event must go with it
        }
        write(topic, new TestHappened("k", 2));

        List<ConsumerRecord<String, String>> records = untilMarkers(topic, Set.of("k"));

        assertThat(records).extracting(r -> parse(r).dataAs(TestHappened.class, MAPPER).seq()).containsExactly(2);
    }

    @Test
    void brokerStoppedWhile100EventsAreWritten_all100PublishedAfterItReturns_noneLost() throws Throwable {
        String topic = "outbox-outage-" + UUID.randomUUID();
        KafkaBrokerProcess broker = KafkaBrokerProcess.shared();
        Set<String> written = new HashSet<>();
        broker.stop();
        try {
            for (int seq = 0; seq < 100; seq++) {
                written.add(write(topic, new TestHappened("permit-" + (seq % 7), seq)).id());
            }
            // the relay keeps failing and backing off; the events wait in the database
            double failedBefore = failures.count();
            await().atMost(PATIENCE).until(() -> failures.count() >= failedBefore + 2);
            assertThat(outboxRows(topic)).isEqualTo(100);
        } finally {
            broker.start();
        }

        List<ConsumerRecord<String, String>> records = TopicReader.readUntil(topic,
                r -> ids(r).containsAll(written), PATIENCE);

        assertThat(ids(records)).containsAll(written);
        await().atMost(PATIENCE).until(() -> outboxRows(topic) == 0);
        Map<String, List<Integer>> seqByKey = records.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                Collectors.mapping(r -> parse(r).dataAs(TestHappened.class, MAPPER).seq(), Collectors.toList())));
        seqByKey.values().forEach(seqs -> assertThat(seqs.stream().distinct().toList()).isSorted());
    }

    @Test
    void twoRelaysOnOneTable_eachEventPublishedOnce() throws Throwable {
        String topic = "outbox-race-" + UUID.randomUUID();
        int events = 600;
        insertInOneTransaction(topic, events);

        // two extra relays race the application's own for the same rows
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> relays = new ArrayList<>();
        List<KafkaProducer<String, String>> producers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Map<String, Object> config = new HashMap<>(OutboxRelay.producerConfig(Duration.ofSeconds(15)));
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerProcess.shared().bootstrapServers());
            KafkaProducer<String, String> producer = new KafkaProducer<>(config);
            producers.add(producer);
            OutboxPublisher publisher = new OutboxPublisher(dataSource, producer, 50, Duration.ofSeconds(15));
            relays.add(pool.submit(drain(publisher, topic)));
        }
        int publishedByTestRelays = 0;
        for (Future<Integer> relay : relays) {
            publishedByTestRelays += relay.get();
        }
        pool.shutdown();
        producers.forEach(KafkaProducer::close);

        // every relay is done with the rows; a late second copy would be on its key's partition before that key's marker
        List<ConsumerRecord<String, String>> records = untilMarkers(topic,
                java.util.stream.IntStream.range(0, 13).mapToObj(i -> "permit-" + i).collect(Collectors.toSet()));

        Map<String, Long> copies = records.stream().collect(Collectors.groupingBy(r -> parse(r).id(), Collectors.counting()));
        assertThat(copies).hasSize(events);
        assertThat(copies.values()).allMatch(count -> count == 1);
        assertThat(outboxRows(topic)).isZero();
        assertThat(publishedByTestRelays).isBetween(0, events);
    }

    private Callable<Integer> drain(OutboxPublisher publisher, String topic) {
        return () -> {
            int published = 0;
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (outboxRows(topic) > 0 && System.nanoTime() < deadline) {
                int n = publisher.publishBatch();
                if (n > 0) {
                    published += n;
                }
            }
            return published;
        };
    }

    /**
     * Writes a marker (seq -1) through the outbox for each of {@code keys} and reads {@code topic} until every marker
     * is there: each key's records, late copies included, come before its marker on its partition. Returns the records
     * without the markers.
     */
    private List<ConsumerRecord<String, String>> untilMarkers(String topic, Set<String> keys) throws Throwable {
        Set<String> markers = new HashSet<>();
        for (String key : keys) {
            markers.add(write(topic, new TestHappened(key, -1)).id());
        }
        List<ConsumerRecord<String, String>> records = TopicReader.readUntil(topic, r -> ids(r).containsAll(markers), PATIENCE);
        assertThat(ids(records)).as("every marker arrived").containsAll(markers);
        return records.stream().filter(r -> !markers.contains(parse(r).id())).toList();
    }

    private CloudEvent write(String topic, TestHappened payload) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.add(topic, payload)));
    }

    private void insertInOneTransaction(String topic, int events) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into outbox_message (event_id, topic, message_key, event_type, payload) values (?, ?, ?, ?, ?)")) {
                for (int seq = 0; seq < events; seq++) {
                    CloudEvent event = CloudEvent.of("/test", new TestHappened("permit-" + (seq % 13), seq), MAPPER, java.time.Clock.systemUTC());
                    insert.setObject(1, UUID.fromString(event.id()));
                    insert.setString(2, topic);
                    insert.setString(3, event.subject());
                    insert.setString(4, event.type());
                    insert.setString(5, MAPPER.writeValueAsString(event));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        }
    }

    private long outboxRows(String topic) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement count = c.prepareStatement("select count(*) from outbox_message where topic = ?")) {
            count.setString(1, topic);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Set<String> ids(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> parse(r).id()).collect(Collectors.toSet());
    }

    private static CloudEvent parse(ConsumerRecord<String, String> record) {
        try {
            return MAPPER.readValue(record.value(), CloudEvent.class);
        } catch (Exception e) {
            throw new AssertionError("not a CloudEvent: " + record.value(), e);
        }
    }
}

package org.esscard.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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

/** The idempotent inbox and the dead-letter path, through a real broker into real PostgreSQL. */
@QuarkusTest
class InboxTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper MAPPER = EventJson.mapper();

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
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    @AfterEach
    void close() {
        producer.close();
    }

    @Test
    void sameEventDeliveredTwice_hasOneEffect() throws Exception {
        CloudEvent event = CloudEvent.of("/test", new TestHappened("permit-dup", 1), MAPPER, Clock.systemUTC());
        String json = MAPPER.writeValueAsString(event);
        int before = consumer.deliveries();

        send(event.subject(), json);
        send(event.subject(), json);

        await().atMost(PATIENCE).until(() -> consumer.deliveries() >= before + 2);
        assertThat(effects(event.id())).isEqualTo(1);
    }

    @Test
    void poisonMessageGoesToDeadLetterTopic_andTheNextMessageIsStillProcessed() throws Exception {
        CloudEvent next = CloudEvent.of("/test", new TestHappened("permit-poison", 2), MAPPER, Clock.systemUTC());
        double deadBefore = deadLetters();

        send("permit-poison", "this is not a CloudEvent {");
        send("permit-poison", MAPPER.writeValueAsString(next));

        await().atMost(PATIENCE).until(() -> effects(next.id()) == 1);
        List<ConsumerRecord<String, String>> dead = TopicReader.readUntil("inbox-test-dlq",
                records -> records.stream().anyMatch(r -> r.value().startsWith("this is not")), PATIENCE);
        ConsumerRecord<String, String> poison = dead.stream().filter(r -> r.value().startsWith("this is not")).findFirst().orElseThrow();
        assertThat(new String(poison.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("not a CloudEvent");
        // what the DLQ growth alert watches: one more for this consumer
        assertThat(deadLetters()).isEqualTo(deadBefore + 1);
    }

    private static double deadLetters() {
        return Metrics.value("esscard_inbox_dead_letters_total", Map.of("consumer", "inbox-test"));
    }

    private void send(String key, String value) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>("inbox-test", key, value);
        // as the outbox relay sends them
        record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
    }

    private int effects(String eventId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement count = c.prepareStatement("select count(*) from test_effect where event_id = ?")) {
            count.setString(1, eventId);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

}

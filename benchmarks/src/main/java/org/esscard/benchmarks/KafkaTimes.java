package org.esscard.benchmarks;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** When the relay handed each cancellation to Kafka: the record's timestamp (producer create time), read without a group. */
final class KafkaTimes {

    private KafkaTimes() {
    }

    /** Permit number → epoch millis of its first {@code PermitCancelled} record since {@code sinceMillis}. */
    static Map<String, Long> cancellations(String bootstrap, String prefix, long sinceMillis) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, Long> result = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor("permit-events", Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(
                    partitions.stream().collect(Collectors.toMap(p -> p, p -> sinceMillis)));
            for (TopicPartition p : partitions) {
                consumer.seek(p, start.get(p) == null ? end.get(p) : start.get(p).offset());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && record.key().startsWith(prefix) && record.value().contains("PermitCancelled")) {
                        result.putIfAbsent(record.key(), record.timestamp());
                    }
                }
            }
        } catch (RuntimeException e) {
            System.out.println("    (no split of the latency: reading permit-events failed: " + e.getMessage() + ")");
        }
        return result;
    }
}

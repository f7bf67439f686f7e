package org.esscard.platform.revocation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.events.account.SessionsRevoked;
import org.esscard.platform.kafka.KafkaClientConfig;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Every {@code SessionsRevoked} of account-service, in every replica of every service. Not a consumer group, whose
 * members would share the partitions: a plain consumer that assigns itself all partitions of the topic, starts each
 * at the record written one revocation window ago ({@code offsetsForTimes}) and follows it from there, on a thread of
 * its own. Until it has read up to the end offsets it saw at start the service is not ready
 * ({@link RevocationReadinessCheck}): a replica that has just started must already refuse a token revoked before.
 * Nothing is committed; every start replays the window again.
 */
@ApplicationScoped
public class RevocationFeed {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final RevocationConfig config;
    private final Revocations revocations;
    private final KafkaClientConfig kafkaConfig;
    private final String applicationName;
    private volatile boolean replayed;
    private volatile boolean running;
    private volatile String lastError;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    public RevocationFeed(RevocationConfig config, Revocations revocations, KafkaClientConfig kafkaConfig,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "esscard") String applicationName) {
        this.config = config;
        this.revocations = revocations;
        this.kafkaConfig = kafkaConfig;
        this.applicationName = applicationName;
    }

    void start(@Observes StartupEvent start) {
        if (!config.enabled()) {
            replayed = true;
            return;
        }
        running = true;
        thread = new Thread(this::run, "revocation-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stop) throws InterruptedException {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.join(5_000);
        }
    }

    /** Whether the revocations of the window before the start have all been read. */
    public boolean replayed() {
        return replayed;
    }

    public String lastError() {
        return lastError;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(consumerConfig())) {
                consumer = kafka;
                follow(kafka);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                // the broker is away: the service keeps refusing what it knows, and reads on once it is back
                lastError = e.toString();
                Log.warnf("revocation feed: %s; retrying in %s", e, RETRY);
                sleep(RETRY);
            }
        }
    }

    private void follow(KafkaConsumer<String, String> kafka) {
        Map<TopicPartition, Long> replayEnds = new HashMap<>();
        List<TopicPartition> assigned = List.of();
        long nextPartitionCheck = 0;
        long nextPrune = 0;
        while (running) {
            long now = System.nanoTime();
            if (now >= nextPartitionCheck) {
                List<TopicPartition> partitions = partitions(kafka);
                if (!partitions.equals(assigned)) {
                    List<TopicPartition> added = new ArrayList<>(partitions);
                    added.removeAll(assigned);
                    kafka.assign(partitions);
                    seekToWindow(kafka, added);
                    if (!replayed) {
                        // the replay needs to reach what was there when the service started, nothing later
                        kafka.endOffsets(added, Duration.ofSeconds(10)).forEach(replayEnds::put);
                    }
                    assigned = partitions;
                }
                // a topic not created yet is looked for every second: its first revocation should not wait
                nextPartitionCheck = now + (assigned.isEmpty() ? Duration.ofSeconds(1) : config.partitionRefresh()).toNanos();
            }
            if (assigned.isEmpty()) {
                sleep(POLL);
            } else {
                for (ConsumerRecord<String, String> record : kafka.poll(POLL)) {
                    take(record);
                }
            }
            if (!replayed && replayEnds.entrySet().stream().allMatch(e -> kafka.position(e.getKey()) >= e.getValue())) {
                replayed = true;
                Log.infof("revocation feed: replayed the last %s of %s (%d partitions, %d entries)", config.window(),
                        config.topic(), assigned.size(), revocations.size());
            }
            lastError = null;
            if (now >= nextPrune) {
                // by the system clock, as smallrye-jwt checks expiry: the service clock may be moved (tests, esscard.clock.offset)
                revocations.prune(Instant.now(), config.window());
                nextPrune = now + Duration.ofMinutes(1).toNanos();
            }
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, String> kafka) {
        List<PartitionInfo> infos = kafka.partitionsFor(config.topic(), Duration.ofSeconds(10));
        List<TopicPartition> partitions = new ArrayList<>();
        if (infos != null) {
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        partitions.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        return partitions;
    }

    private void seekToWindow(KafkaConsumer<String, String> kafka, List<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        // record timestamps are the broker's wall time, not the service clock (which tests may move)
        long from = System.currentTimeMillis() - config.window().toMillis();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, from));
        Map<TopicPartition, OffsetAndTimestamp> offsets = kafka.offsetsForTimes(query, Duration.ofSeconds(10));
        List<TopicPartition> toEnd = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            if (offset == null) {
                toEnd.add(partition);
            } else {
                kafka.seek(partition, offset.offset());
            }
        }
        if (!toEnd.isEmpty()) {
            kafka.seekToEnd(toEnd);
        }
    }

    private void take(ConsumerRecord<String, String> record) {
        if (record.value() == null || !record.value().contains(SessionsRevoked.TYPE)) {
            return;
        }
        try {
            CloudEvent event = EventJson.read(record.value());
            if (SessionsRevoked.TYPE.equals(event.type())) {
                revocations.add(event.dataAs(SessionsRevoked.class, EventJson.mapper()), config.window());
            }
        } catch (RuntimeException e) {
            Log.warnf("revocation feed: skipped record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    /** No group: partitions assigned, nothing committed (its ACL is Read on the topic only, files/kafka-acls.yaml). */
    private Map<String, Object> consumerConfig() {
        return kafkaConfig.assigningConsumer(applicationName + "-revocations", "latest");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

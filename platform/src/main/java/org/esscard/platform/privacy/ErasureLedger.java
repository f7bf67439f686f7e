package org.esscard.platform.privacy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.events.permit.ErasureRecorded;
import org.esscard.platform.kafka.KafkaClientConfig;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The erasure ledger's replay (issue 18): at every start, before the service is ready ({@link ErasureLedgerReadinessCheck}),
 * it reads the whole compacted {@code erasure-ledger} (a plain consumer, partitions assigned, nothing committed), hashes
 * every permit number the service holds ({@link HolderErasure#permitNumbers}) and erases again each holder the ledger
 * names. After a normal restart that finds nothing; after a restore from a backup made before an erasure it finds the
 * holders the backup brought back, so they do not come back. The ledger's topic not existing yet is an empty ledger.
 */
@ApplicationScoped
public class ErasureLedger {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final PrivacyConfig config;
    private final Erasures erasures;
    private final Pseudonyms pseudonyms;
    private final jakarta.enterprise.inject.Instance<HolderErasure> erasure;
    private final KafkaClientConfig kafkaConfig;
    private final String applicationName;
    private volatile boolean replayed;
    private volatile boolean running;
    private volatile boolean stopping;
    private volatile String lastError;
    private volatile int lastErased;

    public ErasureLedger(PrivacyConfig config, Erasures erasures, Pseudonyms pseudonyms,
            jakarta.enterprise.inject.Instance<HolderErasure> erasure, KafkaClientConfig kafkaConfig,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "esscard") String applicationName) {
        this.config = config;
        this.erasures = erasures;
        this.pseudonyms = pseudonyms;
        this.erasure = erasure;
        this.kafkaConfig = kafkaConfig;
        this.applicationName = applicationName;
    }

    void start(@Observes StartupEvent start) {
        if (!config.ledgerReplay() || !erasure.isResolvable()) {
            replayed = true;
            return;
        }
        running = true;
        Thread thread = new Thread(this::run, "erasure-ledger-replay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes io.quarkus.runtime.ShutdownEvent stop) {
        running = false;
        stopping = true;
    }

    /** Whether the replay at start has finished. */
    public boolean replayed() {
        return replayed;
    }

    public String lastError() {
        return lastError;
    }

    /** Holders the last replay erased again. */
    public int lastErased() {
        return lastErased;
    }

    private void run() {
        while (running && !replayed) {
            try {
                lastErased = replay();
                replayed = true;
                lastError = null;
            } catch (RuntimeException e) {
                lastError = e.toString();
                Log.warnf("erasure ledger: replay failed, retrying in %s: %s", RETRY, e);
                sleep(RETRY);
            }
        }
    }

    /**
     * Reads the ledger and erases again every holder it names that this service still keeps; returns how many. Run at
     * start; callable again (an operator's tool, the tests).
     */
    public int replay() {
        long start = System.nanoTime();
        Set<String> erased = erasedPseudonyms();
        long read = System.nanoTime();
        if (erased.isEmpty()) {
            Log.infof("erasure ledger: empty, nothing to replay (read in %d ms)", (read - start) / 1_000_000);
            return 0;
        }
        List<String> held = await(() -> Panache.withSession(() -> erasure.get().permitNumbers()));
        long listed = System.nanoTime();
        List<String> again = held.stream().filter(number -> erased.contains(pseudonyms.of(number))).toList();
        long matched = System.nanoTime();
        for (String permitNumber : again) {
            await(() -> Panache.withTransaction(() -> erasures.carryOut(permitNumber, true)));
        }
        // benchmarks/erasure-replay.sh reads this line
        String timing = String.format("ledger read in %d ms, %d permit numbers read in %d ms and hashed in %d ms, erasures in %d ms",
                (read - start) / 1_000_000, held.size(), (listed - read) / 1_000_000, (matched - listed) / 1_000_000,
                (System.nanoTime() - matched) / 1_000_000);
        if (again.isEmpty()) {
            Log.infof("erasure ledger: %d erased holders, none of them kept here; %s", erased.size(), timing);
        } else {
            Log.warnf("erasure ledger: %d erased holders, %d of them were back (a restore from backup) and are erased again; %s",
                    erased.size(), again.size(), timing);
        }
        return again.size();
    }

    /** The pseudonyms whose latest ledger entry is an {@code ErasureRecorded}. */
    Set<String> erasedPseudonyms() {
        try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(consumerConfig())) {
            List<PartitionInfo> infos = kafka.partitionsFor(config.ledgerTopic(), Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                return Set.of();
            }
            List<TopicPartition> partitions = new ArrayList<>();
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = kafka.endOffsets(partitions, Duration.ofSeconds(10));
            Map<String, Boolean> latest = new HashMap<>();
            while (!stopping && ends.entrySet().stream().anyMatch(e -> kafka.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, String> record : kafka.poll(POLL)) {
                    take(record, latest);
                }
            }
            Set<String> erased = new HashSet<>();
            latest.forEach((pseudonym, isErased) -> {
                if (isErased) {
                    erased.add(pseudonym);
                }
            });
            return erased;
        }
    }

    private static void take(ConsumerRecord<String, String> record, Map<String, Boolean> latest) {
        if (record.key() == null || record.key().contains("/")) {
            // a service's report (pseudonym/service) says nothing about whether the holder is erased
            return;
        }
        if (record.value() == null) {
            latest.put(record.key(), false);
            return;
        }
        try {
            CloudEvent event = EventJson.read(record.value());
            latest.put(record.key(), ErasureRecorded.TYPE.equals(event.type()));
        } catch (RuntimeException e) {
            Log.warnf("erasure ledger: skipped record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    /** No group: partitions assigned, nothing committed (Read on the topic only, files/kafka-acls.yaml). */
    private Map<String, Object> consumerConfig() {
        return kafkaConfig.assigningConsumer(applicationName + "-erasure-ledger", "earliest");
    }

    private static <T> T await(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.esscard.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esscard.platform.kafka.KafkaClientConfig;
import org.esscard.platform.time.Backoff;

import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Moves the outbox to Kafka in the background, retrying with exponential backoff while Kafka or the
 * database is unavailable. Runs in every replica; {@link OutboxPublisher} makes them take turns. It publishes
 * as soon as an insert commits ({@link OutboxWakeUp}: LISTEN/NOTIFY), and polls every interval as well.
 */
@ApplicationScoped
public class OutboxRelay {

    private final OutboxConfig config;
    private final AgroalDataSource dataSource;
    private final KafkaClientConfig kafka;
    private final Counter published;
    private final Counter failures;
    private final OutboxBacklog backlog;
    private final Tracer tracer;

    private final Optional<String> jdbcUrl;
    private final Optional<String> username;
    private final Optional<String> password;

    private Thread loop;
    private volatile boolean running;
    private volatile OutboxPublisher publisher;
    private volatile Producer<String, String> producer;
    private int consecutiveFailures;
    private long nextAttemptNanos;

    public OutboxRelay(OutboxConfig config, AgroalDataSource dataSource, MeterRegistry registry, Clock clock, OpenTelemetry openTelemetry,
            KafkaClientConfig kafka,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.config = config;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.published = registry.counter("esscard.outbox.published");
        this.failures = registry.counter("esscard.outbox.failures");
        this.tracer = openTelemetry.getTracer("org.esscard.platform.outbox");
        this.backlog = config.relayEnabled() ? new OutboxBacklog(dataSource, clock, config.backlogInterval(), registry) : null;
    }

    /** Starts the relay's own thread: the scheduler's one-second floor would delay every event. */
    void start(@Observes StartupEvent startup) {
        if (!config.relayEnabled()) {
            Log.info("outbox relay disabled in this instance (esscard.outbox.relay-enabled=false)");
            return;
        }
        running = true;
        loop = new Thread(this::run, "outbox-relay");
        loop.setDaemon(true);
        loop.start();
    }

    /** Publishes, then waits for the next committed insert or the poll interval; until the service stops. */
    private void run() {
        try (OutboxWakeUp wakeUp = new OutboxWakeUp(jdbcUrl.orElse(null), username.orElse(null), password.orElse(null))) {
            while (running) {
                wakeUp.await(config.pollInterval());
                if (running) {
                    tick();
                    backlog.refreshIfDue();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            Log.error("outbox relay stopped unexpectedly", e);
        }
    }

    void tick() {
        if (System.nanoTime() - nextAttemptNanos < 0) {
            return;
        }
        try {
            int count;
            do {
                count = publisher().publishBatch();
                if (count > 0) {
                    published.increment(count);
                }
            } while (count == config.batchSize());
            consecutiveFailures = 0;
        } catch (RuntimeException e) {
            discardProducer();
            failures.increment();
            Duration wait = backoff(++consecutiveFailures);
            nextAttemptNanos = System.nanoTime() + wait.toNanos();
            Log.warnf("outbox relay: publishing failed (%d in a row), next attempt in %d ms: %s",
                    consecutiveFailures, wait.toMillis(), e.getMessage());
        }
    }

    Duration backoff(int failuresInARow) {
        return new Backoff(config.initialBackoff(), config.maxBackoff()).after(failuresInARow);
    }

    private OutboxPublisher publisher() {
        if (publisher == null) {
            synchronized (this) {
                if (publisher == null) {
                    producer = new KafkaProducer<>(kafka.with(producerConfig(config.sendTimeout())));
                    publisher = new OutboxPublisher(dataSource, producer, config.batchSize(), config.sendTimeout(), tracer);
                }
            }
        }
        return publisher;
    }

    /**
     * Producer settings for the relay: idempotent, fully acknowledged, failing fast enough to back off. Where and how
     * to connect (servers, login) come from {@link KafkaClientConfig}.
     */
    public static Map<String, Object> producerConfig(Duration sendTimeout) {
        int deliveryTimeout = (int) Math.max(2_000, sendTimeout.toMillis() - 2_000);
        return Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(5_000, deliveryTimeout),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeout,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    }

    /** After a failure nothing still queued in the producer may be sent: drop it, the next attempt makes a new one. */
    private synchronized void discardProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
        }
        producer = null;
        publisher = null;
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (loop != null) {
            loop.interrupt();
            loop.join(10_000);
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}

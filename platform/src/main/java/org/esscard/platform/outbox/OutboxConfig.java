package org.esscard.platform.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the transactional outbox and its relay. */
@ConfigMapping(prefix = "esscard.outbox")
public interface OutboxConfig {

    /** The CloudEvents {@code source} of the events this service emits, e.g. {@code /esscard/permit-service}. */
    @WithDefault("/esscard/${quarkus.application.name}")
    String source();

    /** Whether this instance runs a relay; every replica may, they take turns through an advisory lock. */
    @WithDefault("true")
    boolean relayEnabled();

    /** How long an idle relay waits before it looks for new rows again. */
    @WithDefault("100ms")
    Duration pollInterval();

    /** Rows published per database transaction. */
    @WithDefault("500")
    int batchSize();

    /** First wait after a failed publish; doubled on each further failure up to {@link #maxBackoff()}. */
    @WithDefault("500ms")
    Duration initialBackoff();

    @WithDefault("10s")
    Duration maxBackoff();

    /** How long the relay waits for Kafka to acknowledge a batch before it gives up and retries. */
    @WithDefault("15s")
    Duration sendTimeout();

    /** How often the relay reads the backlog's gauges ({@code esscard_outbox_backlog}, {@code esscard_outbox_oldest_age_seconds}). */
    @WithDefault("5s")
    Duration backlogInterval();
}

package org.esscard.notification.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How push and SMS deliveries are attempted. */
@ConfigMapping(prefix = "esscard.notification.delivery")
public interface DeliveryConfig {

    @WithDefault("true")
    boolean enabled();

    @WithDefault("500ms")
    Duration pollInterval();

    @WithDefault("20")
    int batchSize();

    /** Attempts before a delivery is given up as FAILED (visible to support). */
    @WithDefault("6")
    int maxAttempts();

    /** Wait after the first failure, doubled after each further one up to {@link #maxBackoff()}. */
    @WithDefault("2s")
    Duration initialBackoff();

    @WithDefault("5m")
    Duration maxBackoff();
}

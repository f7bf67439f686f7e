package org.esscard.permit.config;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When the expiry scan runs and which reminders it sends (R19). */
@ConfigMapping(prefix = "esscard.permit.expiry")
public interface ExpiryConfig {

    /** Quartz-style cron of the daily scan (default 01:00 UTC). */
    @WithDefault("0 0 1 * * ?")
    String cron();

    /** Days before valid-until at which a holder is reminded. */
    @WithDefault("30,7")
    List<Integer> thresholds();

    /** Scan once at start, to catch up on days the service was down. */
    @WithDefault("true")
    boolean catchUpAtStart();

    /** Permits per database transaction. */
    @WithDefault("1000")
    int batchSize();
}

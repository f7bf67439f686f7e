package org.esscard.permit.config;

import java.time.Period;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long a holder's data is kept after their permit is no longer in force, and who carries out an erasure (issue 18). */
@ConfigMapping(prefix = "esscard.permit.retention")
public interface RetentionConfig {

    /**
     * How long after a permit expired (its valid-until) or was cancelled its holder is erased by the daily scan. The
     * permit authority's retention policy sets it; two years by default.
     */
    @WithDefault("P2Y")
    Period afterEnd();

    /** Quartz-style cron of the daily retention scan (default 02:30 UTC, after the expiry scan). */
    @WithDefault("0 30 2 * * ?")
    String cron();

    /** Holders erased per scan at most; the rest wait for the next day. */
    @WithDefault("10000")
    int maxPerScan();

    /**
     * How long an import's report (its counters and rejected lines, whose reasons may quote a field of the line) is kept
     * after the import finished; then it is deleted by the daily scan.
     */
    @WithDefault("P30D")
    java.time.Duration importReports();

    /** The services that report each erasure: support's view calls an erasure complete when every one has. */
    @WithDefault("account-service,identity-service,notification-service,permit-service")
    List<String> services();
}

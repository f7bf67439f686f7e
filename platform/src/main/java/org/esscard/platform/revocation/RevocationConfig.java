package org.esscard.platform.revocation;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The revocation feed: where account-service's {@code SessionsRevoked} events are, and how long a token can live. */
@ConfigMapping(prefix = "esscard.revocation")
public interface RevocationConfig {

    /** Off only for an application that verifies no tokens of the suite. */
    @WithDefault("true")
    boolean enabled();

    @WithDefault("account-events")
    String topic();

    /**
     * The longest lifetime of a token account-service issues (the access token's 15 minutes), plus the verifiers'
     * clock skew allowance: a revocation older than this refuses nothing any more, so the feed replays this much at a
     * start and forgets entries after it.
     */
    @WithDefault("PT16M")
    Duration window();

    /** How often the feed looks for partitions of the topic (it may not exist yet). */
    @WithDefault("PT5S")
    Duration partitionRefresh();
}

package org.esscard.account.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The 6-digit service PIN of permit services (R15). */
@ConfigMapping(prefix = "esscard.pin")
public interface PinConfig {

    /**
     * Secret mixed into every PIN hash (Argon2id's secret input), kept out of the database: a Kubernetes Secret
     * in production. A leaked database alone then does not let anyone try the million PINs offline.
     */
    String pepper();

    /** Wrong PINs in a row that lock the PIN for the next of {@link #lockouts()}, or until a reset by face. */
    @WithDefault("5")
    int maxFailures();

    /** PIN lock lengths for the 1st, 2nd, 3rd… streak without a right PIN in between; the last one repeats. */
    @WithDefault("PT1H,PT4H,PT24H")
    List<Duration> lockouts();

    /** Lifetime of the step-up token a correct PIN yields; permit-service accepts at most 5 minutes. */
    @WithDefault("PT5M")
    Duration stepUpTtl();
}

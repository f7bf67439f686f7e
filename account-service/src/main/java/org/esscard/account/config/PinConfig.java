package org.esscard.account.config;

import java.time.Duration;

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

    /** Wrong PINs in a row that lock the PIN until it is reset through facial recognition. */
    @WithDefault("5")
    int maxFailures();

    /** Lifetime of the step-up token a correct PIN yields; permit-service accepts at most 5 minutes. */
    @WithDefault("PT5M")
    Duration stepUpTtl();
}

package org.esscard.account.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Holder accounts: the password reset after facial recognition (R14). */
@ConfigMapping(prefix = "esscard.account")
public interface AccountConfig {

    /** How long after facial recognition the holder may set the new password of a reset (R14). */
    @WithDefault("PT30M")
    Duration resetWindow();
}

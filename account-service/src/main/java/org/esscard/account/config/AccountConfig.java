package org.esscard.account.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Holder accounts: pending registrations, reset sessions and the password reset after facial recognition (R14). */
@ConfigMapping(prefix = "esscard.account")
public interface AccountConfig {

    /** How long after facial recognition the holder may set the new password of a reset (R14). */
    @WithDefault("PT30M")
    Duration resetWindow();

    /** How long a registration waits for its verifications; after that it is gone and reserves nothing. */
    @WithDefault("PT24H")
    Duration pendingRegistrationTtl();

    /** Reset sessions (password, PIN) one client address may open for one account per {@link #resetAddressWindow()}. */
    @WithDefault("3")
    int resetSessionsPerAddress();

    @WithDefault("PT1H")
    Duration resetAddressWindow();

    /** Reset sessions an account opens from unknown addresses before the account-wide slow-down starts. */
    @WithDefault("3")
    int resetFreeSessions();

    /** The first minimum interval of the slow-down; it doubles with every further session, up to the maximum. */
    @WithDefault("PT1M")
    Duration resetBaseInterval();

    @WithDefault("PT15M")
    Duration resetMaxInterval();

    /** A quiet spell after which the account-wide count starts over. */
    @WithDefault("PT24H")
    Duration resetMemory();

    /** How long the download of a holder's copy of their data stays available (issue 18). */
    @WithDefault("PT15M")
    Duration dataCopyTtl();
}

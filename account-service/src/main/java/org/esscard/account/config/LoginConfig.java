package org.esscard.account.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Brute-force limits of password logins: per account (temporary, growing lockouts) and per client address. */
@ConfigMapping(prefix = "esscard.login")
public interface LoginConfig {

    /** Consecutive wrong passwords that lock the account for the next duration of {@link #lockouts()}. */
    @WithDefault("5")
    int failuresBeforeLockout();

    /** Lockout lengths for the 1st, 2nd, 3rd… streak of failures; the last one repeats (the cap). */
    @WithDefault("PT1M,PT5M,PT15M,PT1H")
    List<Duration> lockouts();

    /** A day without a wrong password starts the lockout schedule over. */
    @WithDefault("PT24H")
    Duration lockoutMemory();

    /** Failures from one client address (login, and name checks of registration and password reset) per window. */
    @WithDefault("50")
    int addressMaxFailures();

    @WithDefault("PT15M")
    Duration addressWindow();

    /** Concurrent Argon2id computations; 0 means one per core. */
    @WithDefault("0")
    int hashConcurrency();

    /** How long a request waits for a free hashing slot before it is answered 503. */
    @WithDefault("PT10S")
    Duration hashQueueTimeout();
}

package org.esscard.account.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Brute-force limits of password logins: per account and client address (temporary, growing lockouts), per
 * account across addresses without a recent success (a growing delay, never a block), and per client address.
 */
@ConfigMapping(prefix = "esscard.login")
public interface LoginConfig {

    /** Consecutive wrong passwords from one address that lock the account there for the next of {@link #lockouts()}. */
    @WithDefault("5")
    int failuresBeforeLockout();

    /** Lockout lengths for the 1st, 2nd, 3rd… streak of failures; the last one repeats (the cap). */
    @WithDefault("PT1M,PT5M,PT15M,PT1H")
    List<Duration> lockouts();

    /** A day without a wrong password starts the lockout schedule over. */
    @WithDefault("PT24H")
    Duration lockoutMemory();

    /**
     * How long a reserved password or PIN check counts while it is not settled: longer than the check timeout.
     * A later one is void (its answer withheld), so a check cut off mid-hash cannot count for good.
     */
    @WithDefault("PT15S")
    Duration attemptTimeout();

    /** A successful login trusts its client address this long: the account-wide slow-down never delays it. */
    @WithDefault("P30D")
    Duration trustedAddressFor();

    /** Attempts on one account from addresses without a recent success before each further one must wait. */
    @WithDefault("10")
    int attemptsBeforeSlowdown();

    /** The waits after {@link #attemptsBeforeSlowdown()}, growing; the last one repeats (the cap). */
    @WithDefault("PT1M,PT2M,PT4M,PT8M,PT16M,PT32M,PT1H")
    List<Duration> slowdownDelays();

    /** Failures from one client address (login, and name checks of registration and password reset) per window. */
    @WithDefault("50")
    int addressMaxFailures();

    @WithDefault("PT15M")
    Duration addressWindow();

    /** Concurrent Argon2id computations; 0 means one per core. */
    @WithDefault("0")
    int hashConcurrency();

    /**
     * Checks that may wait for a hashing slot behind the running ones; one more is answered 503 {@code BUSY} at once.
     * Negative means four per core, at least 8.
     */
    @WithDefault("-1")
    int hashQueue();

    /**
     * The longest a login (or staff login) may take: its queue wait, hash and transactions. Past it the login is
     * answered 503 {@code BUSY} with {@code Retry-After}, its transaction rolled back and its reservation voided.
     * Shorter than {@link #attemptTimeout()}.
     */
    @WithDefault("PT14S")
    Duration checkTimeout();
}

package org.esscard.platform.problem;

import java.time.Duration;

/**
 * A wait as a message says it: whole seconds (rounded up, at least 1) for {@code retryAfterSeconds}, and the amount
 * and unit a message's choice format reads (0 seconds under two minutes, 1 minutes under two hours, 2 hours).
 */
public record RetryAfter(long seconds, long amount, int unit) {

    /** The wait of {@code wait}, never less than one second. */
    public static RetryAfter of(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        if (seconds < 120) {
            return new RetryAfter(seconds, seconds, 0);
        }
        if (seconds < 2 * 3600) {
            return new RetryAfter(seconds, (seconds + 59) / 60, 1);
        }
        return new RetryAfter(seconds, (seconds + 3599) / 3600, 2);
    }
}

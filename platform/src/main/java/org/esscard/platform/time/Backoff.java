package org.esscard.platform.time;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff, the one formula for every persisted retry (the outbox relay, the deliveries): {@code initial}
 * after the first failure, doubled after each further one, never more than {@code max}.
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max: " + initial + ", " + max);
        }
    }

    /** The wait after {@code failures} failures in a row (1 for the first). */
    public Duration after(int failures) {
        // 2^20 × any sane initial is past any sane max; the cap keeps the shift and the product from overflowing
        Duration wait = initial.multipliedBy(1L << Math.min(Math.max(failures, 1) - 1, 20));
        return wait.compareTo(max) > 0 ? max : wait;
    }
}

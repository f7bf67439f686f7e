package org.esscard.benchmarks;

import java.util.List;

/**
 * How much of everything one run does: the full run for docs/BENCHMARKS.md, or the seconds-long smoke CI runs.
 * {@code repeats}: how many times each figure is measured in the run (reported as min / median / max, {@link Spread}).
 */
public record Plan(boolean smoke, int hashes, int loginHolders, int loginClients, int warmUpSeconds, int loginSeconds,
        int inquiryPermits, List<Integer> inquiryRates, int inquiryStepSeconds, int cancellations, double cancelsPerSecond,
        int cancelBurst, int expiryPermits,
        boolean keycloak, int repeats) {

    /** Where the inquiry ladder stops: the first step whose p99 passes this. */
    public static final long INQUIRY_P99_BREAK_MS = 50;

    public static Plan fullRun() {
        return new Plan(false, 40, 400, 8, 15, 60, 2_000,
                List.of(100, 250, 500, 1_000, 1_500, 2_000, 3_000, 4_000, 5_000, 6_000), 20, 1_000, 100, 10_000, 10_000_000, true, 3);
    }

    public static Plan smokeRun() {
        return new Plan(true, 3, 10, 2, 0, 3, 20, List.of(20, 40), 2, 20, 20, 5, 10_000, false, 1);
    }
}

package org.esscard.events.permit;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * What the dates of a {@link PermitSnapshot} mean, for every service that reads them: the permit authority's dates
 * are days in China (Asia/Shanghai, UTC+8, no daylight saving), and a permit is valid through its {@code validUntil}
 * day there, so until 23:59:59 China time of that day. A service that compared {@code validUntil} with today's UTC
 * date would keep an expired permit usable for the first eight hours of the next day in China.
 */
public final class PermitDates {

    /** The zone of the authority's dates. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final LocalTime LAST_SECOND = LocalTime.of(23, 59, 59);

    private PermitDates() {
    }

    /** Today in China. */
    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    /** The last second of {@code validUntil} in China, as an instant. */
    public static Instant lastValidSecond(LocalDate validUntil) {
        return validUntil.atTime(LAST_SECOND).atZone(ZONE).toInstant();
    }

    /** Whether a permit valid until {@code validUntil} has run out at {@code now} (from its last second on). */
    public static boolean isOver(LocalDate validUntil, Instant now) {
        return !now.isBefore(lastValidSecond(validUntil));
    }
}

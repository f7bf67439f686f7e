package org.esscard.permit.credential;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * When a work permit's validity ends: a permit is valid through its {@code validUntil} day in China, so until
 * 23:59:59 Asia/Shanghai of that day. No QR credential may outlive that moment, and no holder service runs after it.
 */
public final class PermitValidity {

    /** The permit authority's dates are days in China (one time zone, no daylight saving). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final LocalTime LAST_SECOND = LocalTime.of(23, 59, 59);

    private PermitValidity() {
    }

    /** The last second of {@code validUntil} in China, as an instant: the latest {@code exp} a credential may have. */
    public static Instant lastValidSecond(LocalDate validUntil) {
        return validUntil.atTime(LAST_SECOND).atZone(ZONE).toInstant();
    }

    /**
     * Whether the validity has ended at {@code now}: from the last second of {@code validUntil} in China on, when no
     * credential could still be valid, so a code signed before that moment always has some life.
     */
    public static boolean isOver(LocalDate validUntil, Instant now) {
        return !now.isBefore(lastValidSecond(validUntil));
    }
}

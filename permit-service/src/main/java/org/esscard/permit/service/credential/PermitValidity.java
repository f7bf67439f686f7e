package org.esscard.permit.service.credential;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.esscard.events.permit.PermitDates;
import org.esscard.events.permit.PermitStatus;

/**
 * When a work permit's validity ends: a permit is valid through its {@code validUntil} day in China, so until
 * 23:59:59 Asia/Shanghai of that day. No QR credential may outlive that moment, and no holder service runs after it.
 */
public final class PermitValidity {

    /** The permit authority's dates are days in China (one time zone, no daylight saving): {@link PermitDates}. */
    public static final ZoneId ZONE = PermitDates.ZONE;

    /** What a permit allows at a moment: its services and a valid QR, or neither and why. */
    public enum Standing {
        /** ACTIVE and within its validity: the holder's services run and its QR verifies. */
        USABLE,
        CANCELLED,
        /** EXPIRED by the daily scan, or past its last valid second before the scan has marked it. */
        EXPIRED
    }

    private PermitValidity() {
    }

    /**
     * The one decision "cancelled or expired" for the holder's services (R20) and the officer's online check (R18):
     * by status, and by date as well, since the daily scan may not have marked an expired permit yet.
     */
    public static Standing standing(PermitStatus status, LocalDate validUntil, Instant now) {
        if (status == PermitStatus.CANCELLED) {
            return Standing.CANCELLED;
        }
        if (status == PermitStatus.EXPIRED || isOver(validUntil, now)) {
            return Standing.EXPIRED;
        }
        return Standing.USABLE;
    }

    /** Today in China: a permit's issue date when the authority gives none, and the day the expiry scan counts. */
    public static LocalDate today(Clock clock) {
        return PermitDates.today(clock);
    }

    /** Whether a permit issued on {@code issueDate} may be valid until {@code validUntil}: not before it was issued. */
    public static boolean isPeriod(LocalDate issueDate, LocalDate validUntil) {
        return !validUntil.isBefore(issueDate);
    }

    /** The last second of {@code validUntil} in China, as an instant: the latest {@code exp} a credential may have. */
    public static Instant lastValidSecond(LocalDate validUntil) {
        return PermitDates.lastValidSecond(validUntil);
    }

    /**
     * Whether the validity has ended at {@code now}: from the last second of {@code validUntil} in China on, when no
     * credential could still be valid, so a code signed before that moment always has some life.
     */
    public static boolean isOver(LocalDate validUntil, Instant now) {
        return PermitDates.isOver(validUntil, now);
    }
}

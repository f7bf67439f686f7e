package org.esscard.permit.service.credential;

import java.time.Instant;
import java.time.LocalDate;

import org.esscard.events.permit.PermitDates;
import org.esscard.events.permit.PermitStatus;

/**
 * What a work permit allows: a permit is valid through its {@code validUntil} day in China, so until 23:59:59
 * Asia/Shanghai of that day ({@link PermitDates}, shared with the services that keep a copy). No QR credential may
 * outlive that moment, and no holder service runs after it.
 */
public final class PermitValidity {

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
        if (status == PermitStatus.EXPIRED || PermitDates.isOver(validUntil, now)) {
            return Standing.EXPIRED;
        }
        return Standing.USABLE;
    }

    /** Whether a permit issued on {@code issueDate} may be valid until {@code validUntil}: not before it was issued. */
    public static boolean isPeriod(LocalDate issueDate, LocalDate validUntil) {
        return !validUntil.isBefore(issueDate);
    }
}

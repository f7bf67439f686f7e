package org.esscard.permit.service.credential;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

import org.esscard.events.permit.PermitDates;
import org.esscard.events.permit.TalentCategory;

/**
 * What a permit QR code asserts (R18): the permit, its holder, category and validity, and the QR's own short life.
 * The holder name is kept byte for byte as the passport has it (R3): it is never trimmed or normalised. The QR's
 * expiry never passes the end of the permit's last valid day ({@link PermitValidity}). {@code status} points at the
 * permit's bit in the published status list, so a cancellation is seen offline too; codes signed before issue 16 have
 * none.
 */
public record QrClaims(
        String permitNumber,
        String holderName,
        String nationality,
        TalentCategory talentCategory,
        LocalDate validUntil,
        Instant issuedAt,
        Instant expiresAt,
        String id,
        StatusReference status) {

    /** A code without a status reference, as signed before the status list. */
    public QrClaims(String permitNumber, String holderName, String nationality, TalentCategory talentCategory,
            LocalDate validUntil, Instant issuedAt, Instant expiresAt, String id) {
        this(permitNumber, holderName, nationality, talentCategory, validUntil, issuedAt, expiresAt, id, null);
    }

    public QrClaims {
        requireText(permitNumber, "permitNumber");
        requireText(holderName, "holderName");
        requireText(nationality, "nationality");
        Objects.requireNonNull(talentCategory, "talentCategory");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        requireText(id, "id");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt");
        }
        if (expiresAt.isAfter(PermitDates.lastValidSecond(validUntil))) {
            throw new IllegalArgumentException("expiresAt is after the end of the permit's validity"
                    + " (23:59:59 Asia/Shanghai of validUntil)");
        }
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}

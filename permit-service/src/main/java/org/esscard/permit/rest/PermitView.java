package org.esscard.permit.rest;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.esscard.events.permit.PermitStatus;
import org.esscard.events.permit.TalentCategory;
import org.esscard.permit.repository.WorkPermit;

/** The permit as the permit authority reads it back. */
public record PermitView(String permitNumber, String holderName, String passportNumber, String nationality,
        String employer, String position, String workCity, TalentCategory talentCategory, LocalDate issueDate,
        LocalDate validUntil, PermitStatus status, String cancellationReason, OffsetDateTime cancelledAt, long version) {

    public static PermitView of(WorkPermit p) {
        return new PermitView(p.permitNumber, p.holderName, p.passportNumber, p.nationality, p.employer, p.position,
                p.workCity, p.talentCategory, p.issueDate, p.validUntil, p.status, p.cancellationReason, p.cancelledAt,
                p.version);
    }
}

package org.esscard.permit.rest;

import java.time.LocalDate;

import org.esscard.events.permit.PermitStatus;
import org.esscard.events.permit.TalentCategory;
import org.esscard.permit.repository.WorkPermit;
import org.esscard.platform.masking.Mask;

/** The permit as its holder sees it in the app: the passport number masked. */
public record HolderPermitView(String permitNumber, String holderName, String nationality, String passportNumber,
        String employer, String position, String workCity, TalentCategory talentCategory, LocalDate issueDate,
        LocalDate validUntil, PermitStatus status) {

    public static HolderPermitView of(WorkPermit p) {
        return new HolderPermitView(p.permitNumber, p.holderName, p.nationality, Mask.passport(p.passportNumber),
                p.employer, p.position, p.workCity, p.talentCategory, p.issueDate, p.validUntil, p.status);
    }
}

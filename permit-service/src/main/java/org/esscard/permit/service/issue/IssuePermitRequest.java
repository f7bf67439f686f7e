package org.esscard.permit.service.issue;

import java.time.LocalDate;

import org.esscard.events.permit.TalentCategory;
import org.esscard.permit.repository.WorkPermit;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A permit as the permit authority issues it. The holder name is kept exactly as sent: it must equal the
 * passport name, symbols and spaces included (R3).
 */
public record IssuePermitRequest(
        @NotBlank @Size(max = 20) String permitNumber,
        @NotBlank @Size(max = 200) String holderName,
        @NotBlank @Size(max = 20) @Pattern(regexp = "[A-Z0-9]{5,20}") String passportNumber,
        @NotBlank @Pattern(regexp = "[A-Z]{2,3}", message = "must be an ISO 3166-1 alpha-2 or alpha-3 code") String nationality,
        @Size(max = 200) String employer,
        @Size(max = 200) String position,
        @Size(max = 100) String workCity,
        @NotNull TalentCategory talentCategory,
        LocalDate issueDate,
        @NotNull LocalDate validUntil) {

    /** A permit not yet recorded: the service dates, stamps and activates it. */
    public WorkPermit toDraft() {
        WorkPermit permit = new WorkPermit();
        permit.permitNumber = permitNumber;
        permit.holderName = holderName;
        permit.passportNumber = passportNumber;
        permit.nationality = nationality;
        permit.employer = employer;
        permit.position = position;
        permit.workCity = workCity;
        permit.talentCategory = talentCategory;
        permit.issueDate = issueDate;
        permit.validUntil = validUntil;
        return permit;
    }
}

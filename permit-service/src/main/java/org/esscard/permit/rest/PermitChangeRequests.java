package org.esscard.permit.rest;

import java.time.LocalDate;

import org.esscard.events.permit.TalentCategory;
import org.esscard.permit.repository.WorkPermit;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What the permit authority sends to amend, extend or cancel a permit. {@code expectedVersion} guards lost updates. */
public final class PermitChangeRequests {

    private PermitChangeRequests() {
    }

    /** Corrections of the permit's data; a field left out keeps its value. */
    public record Amend(
            @Size(min = 1, max = 200) String holderName,
            @Size(max = 20) @Pattern(regexp = "[A-Z0-9]{5,20}") String passportNumber,
            @Pattern(regexp = "[A-Z]{2,3}", message = "must be an ISO 3166-1 alpha-2 or alpha-3 code") String nationality,
            @Size(max = 200) String employer,
            @Size(max = 200) String position,
            @Size(max = 100) String workCity,
            TalentCategory talentCategory,
            Long expectedVersion) {

        void applyTo(WorkPermit permit) {
            if (holderName != null) {
                permit.holderName = holderName;
            }
            if (passportNumber != null) {
                permit.passportNumber = passportNumber;
            }
            if (nationality != null) {
                permit.nationality = nationality;
            }
            if (employer != null) {
                permit.employer = employer;
            }
            if (position != null) {
                permit.position = position;
            }
            if (workCity != null) {
                permit.workCity = workCity;
            }
            if (talentCategory != null) {
                permit.talentCategory = talentCategory;
            }
        }
    }

    public record Extend(@NotNull LocalDate validUntil, Long expectedVersion) {
    }

    public record Cancel(@NotBlank @Size(max = 500) String reason, Long expectedVersion) {
    }
}

package org.esscard.events.permit;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import jakarta.annotation.Nullable;

/**
 * The whole work-permit record as of one event (event-carried state), so consumers need no call back.
 *
 * @param holderName     exactly as in the passport, symbols and spaces included (R3)
 * @param nationality    ISO 3166-1 code, alpha-3 or alpha-2, as the permit authority supplies it
 * @param validUntil     last day of validity, inclusive
 * @param version        increases with every change to the permit; consumers ignore a snapshot older than theirs
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PermitSnapshot(
        String permitNumber,
        String holderName,
        String passportNumber,
        String nationality,
        @Nullable String employer,
        @Nullable String position,
        @Nullable String workCity,
        TalentCategory talentCategory,
        LocalDate issueDate,
        LocalDate validUntil,
        PermitStatus status,
        long version) {
}

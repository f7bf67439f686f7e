package org.esscard.permit.service.letter;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

import org.esscard.events.permit.TalentCategory;

/**
 * What the Notification Letter prints. The holder name is printed exactly as given (R3); the passport number
 * arrives already masked; employer, position and work city may be unknown and print as a dash.
 */
public record LetterContent(
        String permitNumber,
        String holderName,
        String nationality,
        String passportNumberMasked,
        String employer,
        String position,
        String workCity,
        TalentCategory talentCategory,
        LocalDate issueDate,
        LocalDate validUntil,
        String qrContent,
        Instant generatedAt) {

    public LetterContent {
        Objects.requireNonNull(permitNumber, "permitNumber");
        Objects.requireNonNull(holderName, "holderName");
        Objects.requireNonNull(nationality, "nationality");
        Objects.requireNonNull(passportNumberMasked, "passportNumberMasked");
        Objects.requireNonNull(talentCategory, "talentCategory");
        Objects.requireNonNull(issueDate, "issueDate");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(qrContent, "qrContent");
        Objects.requireNonNull(generatedAt, "generatedAt");
    }
}

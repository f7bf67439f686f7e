package org.esscard.events.identity.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.esscard.events.identity.VerificationPurpose;

/**
 * Opens a verification session ({@code POST /api/identity/sessions}).
 *
 * @param name      exactly as in the passport (R3)
 * @param accountId the account acted on, if one exists; a holder's own account when a holder opens it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpenSession(
        @NotNull VerificationPurpose purpose,
        @NotBlank @Size(max = 20) String permitNumber,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 64) String accountId) {
}

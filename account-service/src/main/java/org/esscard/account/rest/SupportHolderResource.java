package org.esscard.account.rest;

import java.net.URI;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.esscard.account.service.registration.HolderImport;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Support brings over accounts registered another way in the national eSSCard system (R13), without their plain password. */
@Path("/api/accounts/support/holders")
@RolesAllowed("support")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Support", description = "Support staff tools")
public class SupportHolderResource {

    /**
     * A holder from the national eSSCard system: name, social security number, Argon2id hash of the password, and the
     * work permit number or passport number that links them to a known permit record (at least one).
     */
    public record ImportedHolder(
            @NotBlank @Size(max = 200) String holderName,
            @NotNull @Pattern(regexp = "[0-9]{17}[0-9X]", message = "must be the 18 characters of the social security number")
            String socialSecurityNumber,
            @NotBlank @Size(max = 200) String passwordHash,
            @Size(min = 1, max = 40) String permitNumber,
            @Size(min = 1, max = 40) String passportNumber) {
    }

    /** The account created, and its card. */
    public record Imported(UUID accountId, String cardNumber) {
    }

    private final HolderImport imports;

    public SupportHolderResource(HolderImport imports) {
        this.imports = imports;
    }

    @POST
    @Operation(operationId = "importHolder", summary = "Import a holder registered another way",
            description = "201: an ACTIVE account without a work permit; the holder logs in with the social security number (R12)"
                    + " and binds a permit after passing its holder's verification (R13). 409 ACCOUNT_EXISTS, 400 PASSWORD_HASH_UNSUPPORTED,"
                    + " 400 IMPORT_NOT_MATCHED (no permitNumber or passportNumber, or none matching a permit record under the name).")
    @Extension(name = "x-problem-codes", value = "ACCOUNT_EXISTS PASSWORD_HASH_UNSUPPORTED IMPORT_NOT_MATCHED")
    public Uni<Response> importHolder(@Valid @NotNull ImportedHolder holder) {
        return imports.importHolder(holder.holderName(), holder.socialSecurityNumber(), holder.passwordHash(), holder.permitNumber(),
                holder.passportNumber())
                .map(account -> Response.created(URI.create("/api/accounts/card"))
                        .entity(new Imported(account.id, account.cardNumber)).build());
    }
}

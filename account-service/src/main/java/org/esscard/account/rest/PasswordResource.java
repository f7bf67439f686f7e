package org.esscard.account.rest;

import java.net.URI;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.esscard.account.service.credential.PasswordService;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Forgot password (R14) and a password change by the logged-in holder; the new password follows R2 either way. */
@Path("/api/accounts")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Passwords", description = "Forgot password through facial recognition (R14), and changing the password")
public class PasswordResource {

    /** Who forgot the password: the passport name and the work permit number. */
    public record ResetRequest(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 40) String permitNumber) {
    }

    /** The new password of a reset (R2). */
    public record NewPassword(@NotNull @Size(max = 1024) String newPassword) {
    }

    /** The current password and the new one (R2). */
    public record PasswordChange(@NotNull @Size(max = 1024) String currentPassword, @NotNull @Size(max = 1024) String newPassword) {
    }

    private final PasswordService passwords;
    private final ClientAddress clientAddress;
    private final JsonWebToken jwt;

    public PasswordResource(PasswordService passwords, ClientAddress clientAddress, JsonWebToken jwt) {
        this.passwords = passwords;
        this.clientAddress = clientAddress;
        this.jwt = jwt;
    }

    @POST
    @Path("/password-resets")
    @PermitAll
    @Operation(operationId = "startPasswordReset", summary = "Forgot password: start with name and work permit number",
            description = "201 with the PASSWORD_RESET session in which the holder passes facial recognition in identity-service."
                    + " 404 ACCOUNT_NOT_FOUND, 400 NAME_MISMATCH, 429 TOO_MANY_ATTEMPTS, 503 IDENTITY_UNAVAILABLE.")
    @Extension(name = "x-problem-codes", value = "ACCOUNT_NOT_FOUND NAME_MISMATCH TOO_MANY_ATTEMPTS TOO_MANY_RESETS IDENTITY_UNAVAILABLE")
    public Uni<Response> startReset(@Valid @NotNull ResetRequest form, @Context HttpServerRequest request) {
        return passwords.startReset(form.name(), form.permitNumber(), clientAddress.of(request))
                .map(session -> Response.created(URI.create("/api/accounts/password-resets/" + session.sessionId()))
                        .entity(VerificationView.of("PASSWORD_RESET", session)).build());
    }

    @PUT
    @Path("/password-resets/{sessionId}")
    @PermitAll
    @Operation(operationId = "completePasswordReset", summary = "Forgot password: set the new password after facial recognition",
            description = "204; every refresh token of the account is revoked and any login lockout lifted. 409 VERIFICATION_PENDING"
                    + " before the face succeeded, 404 RESET_NOT_FOUND when unknown, used or too old, 400 PASSWORD_POLICY.")
    @Extension(name = "x-problem-codes", value = "VERIFICATION_PENDING RESET_NOT_FOUND PASSWORD_POLICY BUSY")
    public Uni<Response> completeReset(@PathParam("sessionId") @Size(max = 100) String sessionId, @Valid @NotNull NewPassword form) {
        return passwords.completeReset(sessionId, form.newPassword()).map(done -> Response.noContent().build());
    }

    @PUT
    @Path("/password")
    @RolesAllowed("holder")
    @Operation(operationId = "changePassword", summary = "Change the login password", description = "204; every refresh token of the account is revoked."
            + " 401 INVALID_CREDENTIALS when the current password is wrong (counted like a login), 400 PASSWORD_POLICY.")
    @Extension(name = "x-problem-codes", value = "INVALID_CREDENTIALS PASSWORD_POLICY TOO_MANY_ATTEMPTS BUSY")
    public Uni<Response> change(@Valid @NotNull PasswordChange form, @Context HttpServerRequest request) {
        return passwords.change(HolderPrincipal.accountId(jwt), form.currentPassword(), form.newPassword(), clientAddress.of(request))
                .map(done -> Response.noContent().build());
    }
}

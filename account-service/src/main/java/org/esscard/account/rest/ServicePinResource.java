package org.esscard.account.rest;

import java.net.URI;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.esscard.account.service.credential.ResetThrottling;
import org.esscard.account.service.credential.ServicePins;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The 6-digit PIN of permit services (R15): set, verify for a step-up token, reset through facial recognition. */
@Path("/api/accounts/pin")
@RolesAllowed("holder")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Service PIN", description = "The 6-digit PIN in front of the permit services, and its step-up token (R15)")
public class ServicePinResource {

    /** The login password, the new PIN, and the current PIN when changing it. */
    public record SetPin(@NotNull @Size(max = 1024) String password, @NotNull @Size(max = 20) String pin, @Size(max = 20) String currentPin) {
    }

    /** The PIN as the holder types it. */
    public record PinEntry(@NotNull @Size(max = 20) String pin) {
    }

    private final ServicePins pins;
    private final ResetThrottling resets;
    private final ClientAddress clientAddress;
    private final JsonWebToken jwt;

    public ServicePinResource(ServicePins pins, ResetThrottling resets, ClientAddress clientAddress, JsonWebToken jwt) {
        this.pins = pins;
        this.resets = resets;
        this.clientAddress = clientAddress;
        this.jwt = jwt;
    }

    @GET
    @Operation(operationId = "getPinState", summary = "Whether a PIN is set or locked", description = "What the app checks before asking to set or enter the PIN.")
    public Uni<ServicePins.PinState> state() {
        return pins.state(HolderPrincipal.accountId(jwt));
    }

    @PUT
    @Operation(operationId = "setPin", summary = "Set (or change) the PIN", description = "Needs the login password; changing needs the current PIN too."
            + " 204. 400 PIN_POLICY / PIN_SAME_AS_PASSWORD / PIN_CURRENT_REQUIRED, 401 INVALID_CREDENTIALS, 423 PIN_LOCKED.")
    @Extension(name = "x-problem-codes", value = "PIN_POLICY PIN_SAME_AS_PASSWORD PIN_CURRENT_REQUIRED INVALID_CREDENTIALS PIN_LOCKED CONFLICT BUSY")
    public Uni<Response> set(@Valid @NotNull SetPin form, @Context HttpServerRequest request) {
        return pins.set(HolderPrincipal.accountId(jwt), form.password(), form.pin(), form.currentPin(), clientAddress.of(request))
                .map(done -> Response.noContent().build());
    }

    @POST
    @Path("/verification")
    @Operation(operationId = "verifyPin", summary = "Enter the PIN: a step-up token for permit services",
            description = "200 with an access token carrying amr [pwd, pin] and pin_at, valid 5 minutes. 403 PIN_WRONG with"
                    + " remainingAttempts, 423 PIN_LOCKED after 5 wrong in a row (1 h, then 4 h, then 24 h at most, with retryAfterSeconds;"
                    + " a reset by face ends it at once), 409 PIN_NOT_SET, 503 BUSY.")
    @Extension(name = "x-problem-codes", value = "PIN_WRONG PIN_LOCKED PIN_NOT_SET TOO_MANY_ATTEMPTS BUSY")
    public Uni<TokenResponse> verify(@Valid @NotNull PinEntry form) {
        return pins.stepUp(HolderPrincipal.accountId(jwt), form.pin(), HolderPrincipal.sessionId(jwt))
                .map(token -> TokenResponse.bearer(token.token(), token.expiresInSeconds()));
    }

    @POST
    @Path("/reset")
    @Operation(operationId = "resetPin", summary = "Reset a locked or forgotten PIN through facial recognition",
            description = "201 with the PIN_RESET session to pass in identity-service; on success the PIN is removed and the holder"
                    + " sets a new one. 409 PERMIT_NOT_BOUND, 429 TOO_MANY_RESETS (+retryAfterSeconds), 503 IDENTITY_UNAVAILABLE.")
    @Extension(name = "x-problem-codes", value = "PERMIT_NOT_BOUND TOO_MANY_RESETS IDENTITY_UNAVAILABLE")
    public Uni<Response> reset(@Context HttpServerRequest request) {
        java.util.UUID accountId = HolderPrincipal.accountId(jwt);
        return resets.admit(accountId, ResetThrottling.Kind.PIN_RESET, clientAddress.of(request))
                .chain(() -> pins.startReset(accountId))
                .map(session -> Response.created(URI.create("/api/accounts/pin"))
                        .entity(VerificationView.of("PIN_RESET", session)).build());
    }
}

package org.esscard.account.rest;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.esscard.account.service.login.HolderLogin;
import org.esscard.account.service.session.Device;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Holders' login (R11 by work permit number, R12 by social security number), token refresh and logout. */
@Path("/api/accounts")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Holder sessions", description = "Holder login, token refresh and logout")
public class HolderSessionResource {

    /**
     * The login form: the work permit number or the social security number, and the password; {@code deviceId}, the
     * app's install id, lets the holder's list of sessions tell their devices apart and a new one be announced.
     */
    public record LoginRequest(
            @Size(max = 40) String permitNumber,
            @Size(max = 40) String socialSecurityNumber,
            @NotNull @Size(max = 1024) String password,
            @Pattern(regexp = "[A-Za-z0-9._:-]{8,64}", message = "must be 8 to 64 letters, digits or . _ : -") String deviceId) {

        @AssertTrue(message = "give either permitNumber or socialSecurityNumber")
        public boolean isOneIdentifier() {
            return (permitNumber == null || permitNumber.isBlank()) != (socialSecurityNumber == null || socialSecurityNumber.isBlank());
        }
    }

    /** A refresh token, as the login or the last refresh returned it. */
    public record RefreshRequest(@JsonProperty("refresh_token") @JsonAlias("refreshToken") @NotBlank @Size(max = 200) String refreshToken) {
    }

    private final HolderLogin login;
    private final ClientAddress clientAddress;

    public HolderSessionResource(HolderLogin login, ClientAddress clientAddress) {
        this.login = login;
        this.clientAddress = clientAddress;
    }

    @POST
    @Path("/login")
    @Operation(operationId = "login", summary = "Log in with work permit number (or social security number) and password",
            description = "A 15-minute access token and a rotating refresh token. 401 INVALID_CREDENTIALS for a wrong password,"
                    + " an unknown or a locked account alike; 409 VERIFICATION_PENDING when registration is unfinished;"
                    + " 429 TOO_MANY_ATTEMPTS from one address; 429 LOGIN_DELAYED for an account (or an identifier without one) that"
                    + " failed too often from addresses without a recent success; 503 BUSY.")
    @Extension(name = "x-problem-codes", value = "INVALID_CREDENTIALS VERIFICATION_PENDING TOO_MANY_ATTEMPTS LOGIN_DELAYED BUSY")
    public Uni<TokenResponse> login(@Valid @NotNull LoginRequest form, @Context HttpServerRequest request) {
        String permit = form.permitNumber() == null || form.permitNumber().isBlank() ? null : form.permitNumber();
        return login.login(permit, permit == null ? form.socialSecurityNumber() : null, form.password(), clientAddress.of(request),
                Device.of(form.deviceId(), request.getHeader("User-Agent")))
                .map(HolderSessionResource::response);
    }

    @POST
    @Path("/token/refresh")
    @Operation(operationId = "refreshToken", summary = "A new access token for a refresh token",
            description = "The refresh token is used up and a new one returned. A used one presented again ends the whole login.")
    @Extension(name = "x-problem-codes", value = "REFRESH_TOKEN_INVALID")
    public Uni<TokenResponse> refresh(@Valid @NotNull RefreshRequest form) {
        return login.refresh(form.refreshToken()).map(HolderSessionResource::response);
    }

    @POST
    @Path("/logout")
    @Operation(operationId = "logout", summary = "Log out", description = "Revokes the login the refresh token belongs to. 204 also for an unknown token.")
    public Uni<Response> logout(@Valid @NotNull RefreshRequest form) {
        return login.logout(form.refreshToken()).map(done -> Response.noContent().build());
    }

    private static TokenResponse response(HolderLogin.Session session) {
        return TokenResponse.bearer(session.access().token(), session.access().expiresInSeconds(), session.refresh().token(),
                session.refresh().expiresInSeconds());
    }
}

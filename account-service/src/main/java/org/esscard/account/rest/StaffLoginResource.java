package org.esscard.account.rest;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.esscard.account.service.staff.StaffService;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** Login of the permit authority, exit-entry officers and support staff. */
@Path("/api/accounts/staff/login")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staff sessions", description = "Login of permit-authority, exit-entry and support staff")
public class StaffLoginResource {

    public record StaffLogin(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password) {
    }

    private final StaffService staff;
    private final ClientAddress clientAddress;

    public StaffLoginResource(StaffService staff, ClientAddress clientAddress) {
        this.staff = staff;
        this.clientAddress = clientAddress;
    }

    @POST
    @Operation(operationId = "staffLogin", summary = "Log in as staff", description = "Returns a short-lived access token carrying the staff group.")
    @Extension(name = "x-problem-codes", value = "INVALID_CREDENTIALS TOO_MANY_ATTEMPTS BUSY")
    public Uni<TokenResponse> login(@Valid @NotNull StaffLogin login, @Context HttpServerRequest request) {
        return staff.login(login.username(), login.password(), clientAddress.of(request))
                .map(token -> TokenResponse.bearer(token.token(), token.expiresInSeconds()));
    }
}

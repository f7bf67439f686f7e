package org.esscard.account.rest;

import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Who the caller's token says they are: lets a client (or an operator with curl) check a token. */
@Path("/api/accounts/me")
@Authenticated
@Tag(name = "Holder sessions", description = "Holder login, token refresh and logout")
public class WhoAmIResource {

    public record Me(String subject, Set<String> groups, String permit) {
    }

    private final JsonWebToken jwt;

    public WhoAmIResource(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getMe", summary = "The caller's identity as the token states it")
    public Me me() {
        return new Me(jwt.getSubject(), jwt.getGroups(), jwt.getClaim("permit"));
    }
}

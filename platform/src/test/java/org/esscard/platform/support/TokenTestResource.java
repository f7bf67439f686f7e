package org.esscard.platform.support;

import org.eclipse.microprofile.jwt.JsonWebToken;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A holder-only endpoint that names the caller, for the verified-token cache tests. */
@Path("/api/test/whoami")
public class TokenTestResource {

    private final JsonWebToken jwt;

    public TokenTestResource(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    @GET
    @RolesAllowed("holder")
    @Produces(MediaType.TEXT_PLAIN)
    public String whoami() {
        return jwt.getSubject();
    }
}

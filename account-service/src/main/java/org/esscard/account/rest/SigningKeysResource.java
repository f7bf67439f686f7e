package org.esscard.account.rest;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.esscard.account.service.token.SigningKeys;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** The token verification keys (JWKS) that every service reads. */
@Path("/api/accounts/.well-known/jwks.json")
@Tag(name = "Keys", description = "Public keys to verify what the suite signs")
public class SigningKeysResource {

    private final SigningKeys keys;

    public SigningKeysResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces("application/json")
    @Operation(operationId = "getTokenSigningKeys", summary = "Token verification keys", description = "JWK Set of the keys that sign the suite's access tokens.")
    public Map<String, Object> jwks() {
        return keys.jwks();
    }
}

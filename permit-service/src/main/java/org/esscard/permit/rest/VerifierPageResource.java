package org.esscard.permit.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * The officers' verifier page is static ({@code META-INF/resources/api/permits/verifier/}); its address typed without
 * the final slash would otherwise be read as a permit number by {@code GET /api/permits/{permitNumber}}.
 */
@Path("/api/permits/verifier")
@Tag(name = "QR verification")
public class VerifierPageResource {

    @GET
    @PermitAll
    @Operation(operationId = "openQrVerifier", summary = "The officers' QR verifier page",
            description = "Redirects to /api/permits/verifier/, the page (it works offline after the first visit).")
    public Response page() {
        // an absolute path, so the redirect stays on the host the browser used (the gateway's), whatever this JVM's
        return Response.status(Response.Status.MOVED_PERMANENTLY).header("Location", "/api/permits/verifier/").build();
    }
}

package org.esscard.permit.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.esscard.permit.service.erasure.ErasureView;
import org.esscard.permit.service.erasure.HolderErasures;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Support's side of erasure (issue 18): carry out a holder's verified request, and see what each service erased. */
@Path("/api/permits/erasures")
@RolesAllowed("support")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Erasure", description = "Erasure of a holder's personal data (PIPL Art. 47), and each service's report of it")
public class SupportErasureResource {

    /** A holder's request, verified by support; the permit number names the holder. */
    public record ErasureRequest(@NotBlank @Size(max = 20) String permitNumber) {
    }

    private final HolderErasures erasures;

    public SupportErasureResource(HolderErasures erasures) {
        this.erasures = erasures;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "eraseHolder", summary = "Erase the holder of a permit no longer in force",
            description = "Deletes or pseudonymises everything the suite keeps about the holder of an expired or cancelled permit:"
                    + " permit-service at once, the other services from HolderErased. 202 with the erasure as it stands; its"
                    + " reports arrive within seconds (GET). Asking again for an erased permit sends the erasure again, and every"
                    + " service reports zeros. 409 ERASURE_NOT_ALLOWED for a permit in force.")
    @Extension(name = "x-problem-codes", value = "PERMIT_NOT_FOUND ERASURE_NOT_ALLOWED")
    public Uni<Response> erase(@Valid @NotNull ErasureRequest request) {
        return erasures.request(request.permitNumber()).map(view -> Response.accepted(view).build());
    }

    @GET
    @Path("/{permitNumber}")
    @Operation(operationId = "getErasure", summary = "The erasure of a permit's holder",
            description = "Found by the permit number, which is not stored: each service's report, rows per table, and whether"
                    + " every service has reported.")
    @Extension(name = "x-problem-codes", value = "ERASURE_NOT_FOUND")
    public Uni<ErasureView> find(@PathParam("permitNumber") @Size(max = 20) String permitNumber) {
        return erasures.find(permitNumber);
    }

    @GET
    @Operation(operationId = "listErasures", summary = "The latest erasures", description = "Newest first, with each service's report.")
    public Uni<List<ErasureView>> latest(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return erasures.latest(limit);
    }
}

package org.esscard.identity.rest;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.esscard.identity.repository.AuditRecord;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Support staff read the verification attempts of a permit holder, newest first. */
@Path("/api/identity/audit")
@RolesAllowed("support")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Verification audit", description = "Support's view of a holder's verification attempts")
public class AuditResource {

    /** An attempt as support sees it: identifiers masked. */
    public record Attempt(String sessionId, String method, String outcome, String detail, String maskedIds,
            OffsetDateTime occurredAt) {
    }

    @GET
    @WithSession
    @Operation(operationId = "listVerificationAttempts", summary = "Verification attempts of a permit holder")
    public Uni<List<Attempt>> attempts(@QueryParam("permit") @NotBlank String permit,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return AuditRecord.<AuditRecord>find("permitNumber", Sort.descending("occurredAt", "id"), permit)
                .page(Page.ofSize(size)).list()
                .map(records -> records.stream()
                        .map(r -> new Attempt(r.sessionId, r.method, r.outcome, r.detail, r.maskedIds, r.occurredAt))
                        .toList());
    }
}

package org.esscard.permit.rest;

import java.net.URI;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.esscard.permit.service.issue.IssuePermitRequest;
import org.esscard.permit.service.issue.PermitService;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The permit authority's side: issuing permits and reading them back. */
@Path("/api/permits")
@RolesAllowed("permit-authority")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Permits", description = "The permit authority's records: issue, amend, extend, cancel, read")
public class PermitAuthorityResource {

    private final PermitService permits;

    public PermitAuthorityResource(PermitService permits) {
        this.permits = permits;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "issuePermit", summary = "Issue a work permit", description = "Records an ACTIVE permit and announces it (PermitIssued).")
    @Extension(name = "x-problem-codes", value = "PERMIT_NUMBER_FORMAT PERMIT_VALIDITY PERMIT_EXISTS")
    public Uni<Response> issue(@Valid @NotNull IssuePermitRequest request) {
        return permits.issue(request.toDraft()).map(permit -> Response
                .created(URI.create("/api/permits/" + permit.permitNumber))
                .entity(PermitView.of(permit))
                .build());
    }

    @PATCH
    @Path("/{permitNumber}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "amendPermit", summary = "Amend a work permit", description = "Corrects its data; emits PermitUpdated (AMENDED).")
    @Extension(name = "x-problem-codes", value = "PERMIT_NOT_FOUND PERMIT_VERSION_CONFLICT PERMIT_CANCELLED")
    public Uni<PermitView> amend(@PathParam("permitNumber") String permitNumber, @Valid @NotNull PermitChangeRequests.Amend request) {
        return permits.amend(permitNumber, request.expectedVersion(), request::applyTo).map(PermitView::of);
    }

    @POST
    @Path("/{permitNumber}/extension")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "extendPermit", summary = "Extend a work permit", description = "Sets a later valid-until; emits PermitUpdated (EXTENDED).")
    @Extension(name = "x-problem-codes", value = "PERMIT_NOT_FOUND PERMIT_VERSION_CONFLICT PERMIT_CANCELLED PERMIT_VALIDITY")
    public Uni<PermitView> extend(@PathParam("permitNumber") String permitNumber, @Valid @NotNull PermitChangeRequests.Extend request) {
        return permits.extend(permitNumber, request.expectedVersion(), request.validUntil()).map(PermitView::of);
    }

    @POST
    @Path("/{permitNumber}/cancellation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "cancelPermit", summary = "Cancel a work permit", description = "A reason is required; emits PermitCancelled. Every permit service closes (R20).")
    @Extension(name = "x-problem-codes", value = "PERMIT_NOT_FOUND PERMIT_VERSION_CONFLICT PERMIT_CANCELLED")
    public Uni<PermitView> cancel(@PathParam("permitNumber") String permitNumber, @Valid @NotNull PermitChangeRequests.Cancel request) {
        return permits.cancel(permitNumber, request.expectedVersion(), request.reason()).map(PermitView::of);
    }

    @GET
    @Path("/{permitNumber}")
    @Operation(operationId = "getPermit", summary = "Read a work permit as recorded")
    @Extension(name = "x-problem-codes", value = "PERMIT_NOT_FOUND")
    public Uni<PermitView> get(@PathParam("permitNumber") String permitNumber) {
        return permits.find(permitNumber).map(PermitView::of);
    }
}

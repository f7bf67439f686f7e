package org.esscard.permit.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.esscard.permit.service.HolderAccess;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The holder's work permit services (R16): inquiry, QR code and Notification Letter, for their own permit
 * only, after the PIN step-up (R15), while the permit is valid (R20).
 */
@Path("/api/permits/mine")
@RolesAllowed("holder")
public class HolderPermitResource {

    private final HolderAccess access;

    public HolderPermitResource(HolderAccess access) {
        this.access = access;
    }

    @GET
    @WithSession
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Work permit inquiry", description = "The caller's own permit. Needs the PIN step-up; closed after expiry or cancellation.")
    public Uni<HolderPermitView> inquiry() {
        return access.ownValidPermit().map(HolderPermitView::of);
    }
}

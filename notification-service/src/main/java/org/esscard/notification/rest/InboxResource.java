package org.esscard.notification.rest;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.esscard.notification.service.InboxService;
import org.esscard.platform.problem.Messages;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** Reading inboxes: a holder their own (the permit in their token), support staff any permit's. */
@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class InboxResource {

    private final InboxService inbox;
    private final JsonWebToken jwt;

    public InboxResource(InboxService inbox, JsonWebToken jwt) {
        this.inbox = inbox;
        this.jwt = jwt;
    }

    @GET
    @Path("/inbox")
    @RolesAllowed("holder")
    @WithSession
    @Operation(summary = "My inbox, newest first", description = "Reminders and notices about the caller's own work permit.")
    public Uni<InboxEntryView.Page> mine(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size, HttpHeaders headers) {
        String permit = jwt.getClaim("permit");
        if (permit == null) {
            return Uni.createFrom().item(new InboxEntryView.Page(java.util.List.of(), page, size, 0, 0));
        }
        return read(permit, page, size, headers);
    }

    @GET
    @Path("/support/permits/{permitNumber}/inbox")
    @RolesAllowed("support")
    @WithSession
    @Operation(summary = "A permit holder's inbox, for support staff")
    public Uni<InboxEntryView.Page> ofPermit(@PathParam("permitNumber") String permitNumber,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size, HttpHeaders headers) {
        return read(permitNumber, page, size, headers);
    }

    private Uni<InboxEntryView.Page> read(String permit, int page, int size, HttpHeaders headers) {
        var locale = Messages.locale(headers.getAcceptableLanguages());
        return inbox.page(permit, page, size).map(p -> InboxEntryView.Page.of(p, inbox, locale));
    }
}

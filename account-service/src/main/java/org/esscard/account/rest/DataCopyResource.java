package org.esscard.account.rest;

import java.net.URI;
import java.time.Clock;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.esscard.account.config.PinConfig;
import org.esscard.account.service.AccountError;
import org.esscard.account.service.data.DataCopies;
import org.esscard.platform.problem.ProblemException;
import org.esscard.platform.token.StepUp;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A copy of one's data (issue 18, PIPL Art. 45): one request after the PIN step-up gathers what every service holds
 * about the holder into one JSON document, downloadable for a short while.
 */
@Path("/api/accounts/data-copy")
@RolesAllowed("holder")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "My data", description = "A copy of what the suite holds about me (PIPL Art. 45)")
public class DataCopyResource {

    private final DataCopies copies;
    private final PinConfig pins;
    private final JsonWebToken jwt;
    private final Clock clock;

    public DataCopyResource(DataCopies copies, PinConfig pins, JsonWebToken jwt, Clock clock) {
        this.copies = copies;
        this.pins = pins;
        this.jwt = jwt;
        this.clock = clock;
    }

    @POST
    @Operation(operationId = "requestDataCopy", summary = "Make a copy of my data",
            description = "Needs the PIN step-up token. Gathers account-, identity-, permit- and notification-service's parts"
                    + " (docs/PRIVACY.md, field by field) into one JSON document. 201 {id, download, expiresAt} with Location: the"
                    + " download, for 15 minutes. 403 PIN_REQUIRED; 503 DATA_COPY_INCOMPLETE when a service did not answer.")
    @Extension(name = "x-problem-codes", value = "PIN_REQUIRED DATA_COPY_INCOMPLETE")
    public Uni<Response> request() {
        if (!StepUp.fresh(jwt, clock.instant(), pins.stepUpTtl())) {
            throw new ProblemException(AccountError.PIN_REQUIRED);
        }
        return copies.make(HolderPrincipal.accountId(jwt), "Bearer " + jwt.getRawToken())
                .map(ready -> Response.created(URI.create(ready.download())).entity(ready).build());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "downloadDataCopy", summary = "Download a copy of my data",
            description = "The JSON document, as an attachment, with any token of mine, until the copy expires. 404 DATA_COPY_NOT_FOUND"
                    + " after that, or for an id that is not a copy of mine.")
    @Extension(name = "x-problem-codes", value = "DATA_COPY_NOT_FOUND")
    public Uni<Response> download(@PathParam("id") String id) {
        UUID copy = HolderPrincipal.ownId(id, AccountError.DATA_COPY_NOT_FOUND);
        return copies.download(HolderPrincipal.accountId(jwt), copy).map(document -> Response.ok(document, MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Disposition", "attachment; filename=\"esscard-my-data.json\"")
                .header("Cache-Control", "no-store").build());
    }
}

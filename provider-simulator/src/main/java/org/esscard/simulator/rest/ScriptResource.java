package org.esscard.simulator.rest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.esscard.simulator.service.Channel;
import org.esscard.simulator.service.FailureScript;
import org.esscard.simulator.service.FailureScripts;
import org.esscard.simulator.service.IdentityScript;
import org.esscard.simulator.service.IdentityScripts;
import org.esscard.simulator.service.Vendor;

/**
 * Lets tests and the local demo tell the simulated vendors what to answer: messaging channels to fail their
 * next sends, identity vendors to pass, fail or break for one person, card or mobile number.
 */
@Path("/sim/script")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "script", description = "Scripted vendor answers")
public class ScriptResource {

    private final FailureScripts scripts;
    private final IdentityScripts identities;

    ScriptResource(FailureScripts scripts, IdentityScripts identities) {
        this.scripts = scripts;
        this.identities = identities;
    }

    @PUT
    @Path("/channels/{channel}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make the next sends of a channel (sms or push) fail", description = "The next failNext sends answer status (503 if not given); 0 removes the script")
    public FailureScript scriptChannel(@PathParam("channel") String channel, @Valid @NotNull ScriptRequest request) {
        Channel target = Channel.fromKey(channel).orElseThrow(() -> new UnknownChannelException(channel));
        return scripts.script(target, request.failNext(), request.statusOrDefault());
    }

    @PUT
    @Path("/face/{subjectKey}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Script face comparisons of one subject",
            description = "e.g. {\"outcome\":\"FAIL\"} or {\"failNext\":3}; the subject key is the subjectId callers send (the work permit number)")
    public IdentityScript scriptFace(@PathParam("subjectKey") String subjectKey, @Valid @NotNull IdentityScriptRequest request) {
        return script(Vendor.FACE, subjectKey, request);
    }

    @PUT
    @Path("/bank/{cardNumber}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Script the bank's checks of one card number", description = "e.g. {\"outcome\":\"MISMATCH\"}")
    public IdentityScript scriptBank(@PathParam("cardNumber") String cardNumber, @Valid @NotNull IdentityScriptRequest request) {
        return script(Vendor.BANK, cardNumber, request);
    }

    @PUT
    @Path("/carrier/{mobile}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Script the carrier's checks of one mobile number", description = "e.g. {\"outcome\":\"MISMATCH\"}; with or without +86")
    public IdentityScript scriptCarrier(@PathParam("mobile") String mobile, @Valid @NotNull IdentityScriptRequest request) {
        return script(Vendor.CARRIER, mobile, request);
    }

    @GET
    @Operation(summary = "The channel failures still pending")
    public List<FailureScript> pending() {
        return scripts.pending();
    }

    @GET
    @Path("/identities")
    @Operation(summary = "The identity scripts registered", description = "Card and mobile numbers masked")
    public List<IdentityScript> identities() {
        return identities.pending();
    }

    @DELETE
    @Operation(summary = "Remove every script: channels accept and identities pass again")
    public Response reset() {
        scripts.reset();
        identities.reset();
        return Response.noContent().build();
    }

    private IdentityScript script(Vendor vendor, String identity, IdentityScriptRequest request) {
        return identities.script(vendor, identity, request.outcomeOrDefault(), request.failNextOrZero(),
                request.statusOrDefault(), request.delayOrZero()).listed();
    }
}

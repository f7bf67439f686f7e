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

/**
 * Lets tests tell the simulated vendors to fail, to exercise the callers' retries and fallbacks.
 */
@Path("/sim/script")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "script", description = "Scripted vendor failures")
public class ScriptResource {

    private final FailureScripts scripts;

    ScriptResource(FailureScripts scripts) {
        this.scripts = scripts;
    }

    @PUT
    @Path("/channels/{channel}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make the next sends of a channel (sms or push) fail", description = "The next failNext sends answer status (503 if not given); 0 removes the script")
    public FailureScript scriptChannel(@PathParam("channel") String channel, @Valid @NotNull ScriptRequest request) {
        Channel target = Channel.fromKey(channel).orElseThrow(() -> new UnknownChannelException(channel));
        return scripts.script(target, request.failNext(), request.statusOrDefault());
    }

    @GET
    @Operation(summary = "The scripted failures still pending")
    public List<FailureScript> pending() {
        return scripts.pending();
    }

    @DELETE
    @Operation(summary = "Remove every script: all channels accept again")
    public Response reset() {
        scripts.reset();
        return Response.noContent().build();
    }
}

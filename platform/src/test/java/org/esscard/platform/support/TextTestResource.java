package org.esscard.platform.support;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Endpoints that would hand text straight to the database, for the storable-text tests. */
@Path("/api/test/text")
@Produces(MediaType.APPLICATION_JSON)
public class TextTestResource {

    public record Holder(String name, List<String> aliases, Map<String, String> notes) {
    }

    @GET
    @Path("/permits/{permitNumber}")
    public Map<String, String> permit(@PathParam("permitNumber") String permitNumber, @QueryParam("q") String q) {
        return Map.of("permitNumber", permitNumber, "q", q == null ? "" : q);
    }

    @POST
    @Path("/holders")
    @Consumes(MediaType.APPLICATION_JSON)
    public Holder holder(@Valid @NotNull Holder holder) {
        return holder;
    }
}

package org.esscard.account.client;

import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The parts of a holder's copy of their data (issue 18) that the other services hold, each read from the service's
 * own API with the holder's own step-up token, so each service decides what is the holder's: no service reads
 * another's database, and account-service cannot ask for anyone else's part. Each part is kept as the service wrote it.
 */
public final class HolderData {

    private HolderData() {
    }

    @RegisterRestClient(configKey = "identity-data")
    @Path("/api/identity/me/data")
    @Produces(MediaType.APPLICATION_JSON)
    public interface Identity {
        @GET
        @Timeout(value = 10, unit = ChronoUnit.SECONDS)
        Uni<JsonNode> data(@HeaderParam("Authorization") String bearer);
    }

    @RegisterRestClient(configKey = "permit-data")
    @Path("/api/permits/mine/data")
    @Produces(MediaType.APPLICATION_JSON)
    public interface Permit {
        @GET
        @Timeout(value = 10, unit = ChronoUnit.SECONDS)
        Uni<JsonNode> data(@HeaderParam("Authorization") String bearer);
    }

    @RegisterRestClient(configKey = "notification-data")
    @Path("/api/notifications/me/data")
    @Produces(MediaType.APPLICATION_JSON)
    public interface Notification {
        @GET
        @Timeout(value = 10, unit = ChronoUnit.SECONDS)
        Uni<JsonNode> data(@HeaderParam("Authorization") String bearer);
    }
}

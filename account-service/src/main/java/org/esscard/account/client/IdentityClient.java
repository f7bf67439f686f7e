package org.esscard.account.client;

import java.io.IOException;
import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.esscard.account.service.token.ServiceTokens;
import org.esscard.events.identity.api.OpenSession;
import org.esscard.events.identity.api.SessionView;

import io.quarkus.arc.Arc;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * identity-service's verification sessions (docs/IDENTITY.md), called with a service token account-service mints
 * itself. Retried only when the request never got an answer (transport errors); a timeout is not retried, as the
 * session may have been opened. The circuit opens on identity-service's own failures, not on its refusals.
 */
@RegisterRestClient(configKey = "identity")
@Path("/api/identity/sessions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@ClientHeaderParam(name = "Authorization", value = "{serviceToken}")
public interface IdentityClient {

    @POST
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = { ProcessingException.class, IOException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = IdentityRefusal.class)
    Uni<SessionView> open(OpenSession request);

    /** The {@code Authorization} header of every call. */
    default String serviceToken() {
        return Arc.container().instance(ServiceTokens.class).get().bearer();
    }

    /** identity-service's problem+json answers, as refusals (4xx) or failures (5xx). */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return IdentityRefusal.of(response);
    }
}

package org.esscard.account.client;

import java.io.IOException;
import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.esscard.account.service.token.ServiceTokens;

import io.quarkus.arc.Arc;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The steps of a verification session in identity-service, passed through as they are (status and problem+json
 * included; {@code disable-default-mapper}), for a holder who has no token yet: during registration and forgot
 * password the app cannot call identity-service itself. Retried only when the request never reached it.
 */
@RegisterRestClient(configKey = "identity-relay")
@Path("/api/identity/sessions/{id}")
@Produces(MediaType.APPLICATION_JSON)
@ClientHeaderParam(name = "Authorization", value = "{serviceToken}")
public interface IdentityRelay {

    @GET
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = { ProcessingException.class, IOException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    Uni<Response> read(@PathParam("id") String sessionId, @HeaderParam("Accept-Language") String language);

    /** One step ({@code face}, {@code bank-card}, {@code mobile}, {@code sms-code}) with the app's JSON body. */
    @POST
    @Path("/{step}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = { ProcessingException.class, IOException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    Uni<Response> step(@PathParam("id") String sessionId, @PathParam("step") String step, String body,
            @HeaderParam("Accept-Language") String language);

    @POST
    @Path("/sms-code/resend")
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = { ProcessingException.class, IOException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    Uni<Response> resend(@PathParam("id") String sessionId, @HeaderParam("Accept-Language") String language);

    default String serviceToken() {
        return Arc.container().instance(ServiceTokens.class).get().bearer();
    }
}

package org.esscard.identity.client;

import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The SMS gateway that delivers verification codes. Retried on transport errors only: at worst the person
 * receives the same code twice, never two different ones.
 */
@RegisterRestClient(configKey = "sms-gateway")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface SmsGateway {

    record SmsMessage(String to, String text, String sender) {
    }

    record Accepted(String messageId) {
    }

    @POST
    @Path("/messages")
    // guarded as what it is, an asynchronous call: without this the guards would time only the creation of the Uni
    @AsynchronousNonBlocking
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 200, retryOn = ProcessingException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    Uni<Accepted> send(SmsMessage message);
}

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
 * The mobile carrier's verification: confirms that a China mobile number is registered to the person, by name
 * and passport number (the three-element check of R8). Retried on transport errors only.
 */
@RegisterRestClient(configKey = "carrier-vendor")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface CarrierVendor {

    record CheckRequest(String name, String idType, String idNumber, String mobile) {
    }

    /** @param result {@code MATCH} or {@code MISMATCH} */
    record CheckResult(String requestId, String result) {
    }

    @POST
    @Path("/verifications")
    // guarded as what it is, an asynchronous call: without this the guards would time only the creation of the Uni
    @AsynchronousNonBlocking
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, retryOn = ProcessingException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    Uni<CheckResult> verify(CheckRequest request);
}

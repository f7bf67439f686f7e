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
 * The face recognition vendor: compares the app's liveness capture with the photo on file (R5). Retried only
 * when the call never got through (a transport error): a comparison that answered is never asked twice.
 */
@RegisterRestClient(configKey = "face-vendor")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface FaceVendor {

    /** @param subjectId the person compared: the work permit number */
    record CompareRequest(String subjectId, String name, String livenessTicket) {
    }

    record CompareResult(String requestId, boolean match, double score) {
    }

    @POST
    @Path("/compare")
    // guarded as what it is, an asynchronous call: without this the guards would time only the creation of the Uni
    @AsynchronousNonBlocking
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, retryOn = ProcessingException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    Uni<CompareResult> compare(CompareRequest request);
}

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
 * The bank-card verification vendor: confirms that name, passport number, card number and bank-reserved
 * mobile number belong together (the four-element check of R7). Retried on transport errors only.
 */
@RegisterRestClient(configKey = "bank-vendor")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface BankVendor {

    /** @param idType {@code PASSPORT}: the holders are foreigners */
    record CheckRequest(String name, String idType, String idNumber, String cardNumber, String mobile) {
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

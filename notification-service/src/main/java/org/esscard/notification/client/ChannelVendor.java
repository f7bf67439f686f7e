package org.esscard.notification.client;

import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

/**
 * The push and SMS vendors (the provider simulator locally). No {@code @Retry} here: retries are the
 * delivery worker's, persisted with backoff, so they survive a restart. Each method has its own circuit
 * breaker: a failing push vendor never stops SMS.
 */
@RegisterRestClient(configKey = "channels")
@Path("/sim")
@Consumes(MediaType.APPLICATION_JSON)
public interface ChannelVendor {

    record PushMessage(String to, String title, String body, Map<String, String> data) {
    }

    record SmsMessage(String to, String text, String sender) {
    }

    @POST
    @Path("/push/messages")
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 10, delayUnit = ChronoUnit.SECONDS)
    void push(PushMessage message);

    @POST
    @Path("/sms/messages")
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 10, delayUnit = ChronoUnit.SECONDS)
    void sms(SmsMessage message);
}

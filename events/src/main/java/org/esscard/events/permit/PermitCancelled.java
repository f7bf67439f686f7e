package org.esscard.events.permit;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/**
 * The permit authority cancelled a permit; every permit service is closed to it from now on (R19, R20).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PermitCancelled(PermitSnapshot permit, String reason, Instant cancelledAt) implements PermitEvent {

    public static final String TYPE = "esscard.permit.PermitCancelled.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return permit.permitNumber();
    }
}

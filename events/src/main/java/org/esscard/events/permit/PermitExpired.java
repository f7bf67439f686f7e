package org.esscard.events.permit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/**
 * A permit passed its {@code validUntil}; every permit service is closed to it from now on (R19, R20).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PermitExpired(PermitSnapshot permit) implements PermitEvent {

    public static final String TYPE = "esscard.permit.PermitExpired.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return permit.permitNumber();
    }
}

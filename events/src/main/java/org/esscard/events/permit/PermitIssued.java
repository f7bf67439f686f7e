package org.esscard.events.permit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.esscard.events.EventPayload;

/**
 * The permit authority issued a work permit.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PermitIssued(PermitSnapshot permit) implements EventPayload {

    public static final String TYPE = "esscard.permit.PermitIssued.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return permit.permitNumber();
    }
}

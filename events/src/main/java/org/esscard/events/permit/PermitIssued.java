package org.esscard.events.permit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/**
 * The permit authority issued a work permit.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PermitIssued(PermitSnapshot permit) implements PermitEvent {

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

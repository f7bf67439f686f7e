package org.esscard.events.permit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/**
 * The permit authority amended a permit's details or extended its validity.
 *
 * @param change {@link #AMENDED} or {@link #EXTENDED}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PermitUpdated(PermitSnapshot permit, String change) implements PermitEvent {

    public static final String TYPE = "esscard.permit.PermitUpdated.v1";

    /** Details such as employer, position or holder name changed. */
    public static final String AMENDED = "AMENDED";

    /** {@code validUntil} moved later. */
    public static final String EXTENDED = "EXTENDED";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return permit.permitNumber();
    }
}

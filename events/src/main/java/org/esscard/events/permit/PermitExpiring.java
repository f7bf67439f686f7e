package org.esscard.events.permit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/**
 * A permit crossed a reminder threshold before its expiry (R19); one event per permit and threshold.
 *
 * @param daysLeft      days from today until {@code validUntil}
 * @param thresholdDays the reminder threshold that was crossed, e.g. 30
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PermitExpiring(PermitSnapshot permit, int daysLeft, int thresholdDays) implements PermitEvent {

    public static final String TYPE = "esscard.permit.PermitExpiring.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return permit.permitNumber();
    }
}

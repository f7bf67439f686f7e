package org.esscard.events.permit;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.esscard.events.EventPayload;

/**
 * The permit authority issued a permit again under the number of an erased holder: the ledger's entry for that
 * pseudonym is replaced by this one, so a replay after a restore no longer erases the holder's new data. Names no one.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErasureLifted(String pseudonym, Instant liftedAt) implements EventPayload {

    public static final String TYPE = "esscard.permit.ErasureLifted.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    /** The pseudonym, the key of the ledger's entry it replaces. */
    @Override
    public String subject() {
        return pseudonym;
    }
}

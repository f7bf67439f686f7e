package org.esscard.events.permit;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.esscard.events.EventPayload;
import org.esscard.events.erasure.ErasureReason;

/**
 * The erasure ledger's entry for one erased holder, on the compacted topic {@code erasure-ledger}, kept for as long as
 * backups are: it names no one (only the pseudonym of the permit number). A service that starts on a database restored
 * from a backup made before the erasure reads the whole ledger and erases again whatever it finds of these holders, so
 * an erased holder never comes back.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErasureRecorded(String pseudonym, ErasureReason reason, Instant erasedAt) implements EventPayload {

    public static final String TYPE = "esscard.permit.ErasureRecorded.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    /** The pseudonym: the ledger keeps the latest entry per holder. */
    @Override
    public String subject() {
        return pseudonym;
    }
}

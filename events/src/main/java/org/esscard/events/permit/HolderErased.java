package org.esscard.events.permit;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.esscard.events.EventPayload;
import org.esscard.events.erasure.ErasureReason;

/**
 * A permit's holder is erased (issue 18, PIPL Art. 47): every service deletes or pseudonymises what it keeps about
 * them under this permit number and reports what it did ({@link org.esscard.events.erasure.ErasureCarriedOut}).
 * permit-service has already done so with its own record: no later event names this permit number. The event is kept
 * on {@code permit-events} no longer than the topic's retention; what survives it is {@link ErasureRecorded}, on the
 * ledger, which names no one.
 *
 * @param permitNumber the permit whose holder is erased, in clear: the consumers find their rows by it
 * @param pseudonym    what the permit number becomes where a record must stay (the R6 face counter, audits): a keyed
 *                     hash, {@code ~} and 19 hexadecimal digits, the same in every service
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HolderErased(String permitNumber, String pseudonym, ErasureReason reason, Instant erasedAt) implements EventPayload {

    public static final String TYPE = "esscard.permit.HolderErased.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return permitNumber;
    }
}

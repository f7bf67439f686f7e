package org.esscard.events.erasure;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.esscard.events.EventPayload;

/**
 * One service's report of an erasure it carried out, on {@code erasure-ledger}: how many rows of each of its tables
 * were deleted or pseudonymised. Names no one. permit-service gathers the reports for support
 * ({@code GET /api/permits/erasures/{permitNumber}}); the ledger keeps the latest report per holder and service.
 *
 * @param service the reporting service, e.g. {@code account-service}
 * @param rows    table to rows deleted or pseudonymised; zeros when there was nothing left (a rerun)
 * @param replay  whether the erasure was done again at the start of a service on a database restored from a backup
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErasureCarriedOut(String pseudonym, String service, Map<String, Integer> rows, boolean replay, Instant at)
        implements EventPayload {

    public static final String TYPE = "esscard.erasure.ErasureCarriedOut.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    /** Per holder and service, so the compacted ledger keeps each service's latest report. */
    @Override
    public String subject() {
        return pseudonym + "/" + service;
    }
}

package org.esscard.permit.service.erasure;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.esscard.events.erasure.ErasureReason;

/**
 * An erasure as support sees it (issue 18): names no one, only the pseudonym of the permit number.
 *
 * @param complete whether every service of the suite has reported it
 * @param services each service's latest report: rows deleted or pseudonymised per table
 */
public record ErasureView(String pseudonym, ErasureReason reason, OffsetDateTime erasedAt, boolean complete,
        List<ServiceReport> services) {

    /**
     * @param replay whether the service erased again at a start on a database restored from a backup
     */
    public record ServiceReport(String service, Map<String, Integer> rows, boolean replay, OffsetDateTime reportedAt) {
    }
}

package org.esscard.permit.service.credential;

import java.util.Objects;

/**
 * Where a QR's revocation bit is: index {@code idx} of the status list published at {@code uri}
 * (draft-ietf-oauth-status-list, the {@code status.status_list} claim). The index is the permit's, not the code's:
 * every QR of a permit points at the same bit.
 */
public record StatusReference(long idx, String uri) {

    public StatusReference {
        if (idx < 0) {
            throw new IllegalArgumentException("status list index must not be negative: " + idx);
        }
        Objects.requireNonNull(uri, "uri");
        if (uri.isBlank()) {
            throw new IllegalArgumentException("status list uri must not be blank");
        }
    }
}

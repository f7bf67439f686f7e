package org.esscard.platform.revocation;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Not ready after a start until the revocation feed has replayed the last token lifetime of revocations, so no
 * replica takes a request while it would still accept a token revoked before it started. Once replayed it stays up
 * through a broker outage: the revocations it already holds keep working, and new ones wait in the outbox.
 */
@Readiness
@ApplicationScoped
public class RevocationReadinessCheck implements HealthCheck {

    private final RevocationFeed feed;
    private final Revocations revocations;

    public RevocationReadinessCheck(RevocationFeed feed, Revocations revocations) {
        this.feed = feed;
        this.revocations = revocations;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("revocations").status(feed.replayed()).withData("entries", revocations.size());
        if (!feed.replayed() && feed.lastError() != null) {
            response.withData("error", feed.lastError());
        }
        return response.build();
    }
}

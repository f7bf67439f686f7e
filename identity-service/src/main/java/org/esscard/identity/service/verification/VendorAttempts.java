package org.esscard.identity.service.verification;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.esscard.identity.config.IdentityConfig;
import org.esscard.identity.service.IdentityError;
import org.esscard.identity.service.session.Settled;
import org.esscard.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Attempts reserved before a vendor is asked. The count that limits attempts (six face failures per person, three
 * checks per method and session) is settled only after the vendor answered; without a reservation, requests sent at
 * the same moment would all pass the check and all reach the vendor, each one more comparison of someone's face or
 * guess at their card. A reservation is taken under the same row locks as the count, deleted when the answer is
 * settled, and expires by itself if its request died on the way.
 */
@ApplicationScoped
public class VendorAttempts {

    /** Seconds an attempt refused for reservations in flight is told to wait: about one vendor answer. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final Clock clock;
    private final IdentityConfig config;

    public VendorAttempts(Clock clock, IdentityConfig config) {
        this.clock = clock;
        this.config = config;
    }

    /**
     * Reserves one attempt of {@code method} in {@code scope} if fewer than {@code left} are in flight; else the
     * {@code VERIFICATION_IN_PROGRESS} refusal. Call in the transaction that holds the scope's row lock.
     */
    Uni<Settled<UUID>> reserve(String scope, String method, int left) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.getSession().chain(session -> session.createNativeQuery("select count(*) from vendor_attempt"
                + " where scope = :scope and method = :method and expires_at > :now", Long.class)
                .setParameter("scope", scope).setParameter("method", method).setParameter("now", now)
                .getSingleResult()
                .chain(inFlight -> {
                    if (inFlight >= left) {
                        return Uni.createFrom().item(Settled.<UUID>refused(new ProblemException(IdentityError.VERIFICATION_IN_PROGRESS,
                                RETRY_AFTER_SECONDS).with("retryAfterSeconds", RETRY_AFTER_SECONDS)));
                    }
                    UUID id = UUID.randomUUID();
                    return session.createNativeQuery("insert into vendor_attempt (id, scope, method, expires_at)"
                            + " values (:id, :scope, :method, :expires)")
                            .setParameter("id", id).setParameter("scope", scope).setParameter("method", method)
                            .setParameter("expires", now.plus(config.vendorReservationTtl()))
                            .executeUpdate()
                            .replaceWith(Settled.of(id));
                }));
    }

    /** Frees {@code id} in the caller's transaction (the one that settles the vendor's answer). */
    Uni<Void> release(UUID id) {
        return Panache.getSession().chain(session -> session.createNativeQuery("delete from vendor_attempt where id = :id or expires_at < :now")
                .setParameter("id", id).setParameter("now", OffsetDateTime.now(clock).minus(config.vendorReservationTtl()))
                .executeUpdate()).replaceWithVoid();
    }

    /** Frees {@code id} in a transaction of its own: the vendor did not answer, nothing is settled. */
    Uni<Void> releaseAlone(UUID id) {
        return Panache.withTransaction(() -> release(id));
    }
}

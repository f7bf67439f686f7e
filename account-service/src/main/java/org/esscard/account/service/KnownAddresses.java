package org.esscard.account.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The client addresses a holder logged in from successfully, kept only as SHA-256 of account and address: a reset
 * requested from one of them is the holder's own device or network, which a flood from elsewhere must not slow.
 */
@ApplicationScoped
public class KnownAddresses {

    private final Clock clock;

    public KnownAddresses(Clock clock) {
        this.clock = clock;
    }

    /** Remembers (or refreshes) {@code address} for {@code accountId}, in the caller's transaction. */
    public Uni<Void> remember(UUID accountId, String address) {
        return Panache.getSession().chain(session -> session.createNativeQuery("insert into holder_known_address"
                + " (account_id, address_hash, last_seen_at) values (:account, :hash, :now)"
                + " on conflict (account_id, address_hash) do update set last_seen_at = excluded.last_seen_at")
                .setParameter("account", accountId)
                .setParameter("hash", hash(accountId, address))
                .setParameter("now", OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)))
                .executeUpdate()).replaceWithVoid();
    }

    static String hash(UUID accountId, String address) {
        return ResetThrottling.sha256(accountId + "|" + address);
    }
}

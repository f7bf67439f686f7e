package org.esscard.platform.inbox;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Remembers which events a consumer has applied. Called inside the consumer's transaction, so the
 * mark and the effect commit together: a redelivered event finds its mark and is skipped.
 */
@ApplicationScoped
public class Inbox {

    /** Marks {@code eventId} as processed by {@code consumer}; {@code false} when it already was. */
    public Uni<Boolean> markProcessed(String consumer, String eventId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into inbox_processed (consumer, event_id) values (:consumer, :eventId)"
                        + " on conflict do nothing")
                .setParameter("consumer", consumer)
                .setParameter("eventId", eventId)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /**
     * Marks every id of a batch in one statement; returns the ids that were not marked before (a redelivered event's
     * id is absent, and an id the batch holds twice is returned once).
     */
    public Uni<Set<String>> markProcessed(String consumer, List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into inbox_processed (consumer, event_id)"
                        + " select distinct :consumer, id from unnest(cast(:eventIds as varchar[])) as ids(id)"
                        + " on conflict do nothing returning event_id", String.class)
                .setParameter("consumer", consumer)
                .setParameter("eventIds", eventIds.toArray(String[]::new))
                .getResultList())
                .map(HashSet::new);
    }
}

package org.esscard.platform.inbox;

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
}

package org.esscard.platform.support;

import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.esscard.platform.inbox.EventConsumer;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Consumer of the inbox tests: its effect is a {@code test_effect} row per applied event. */
@ApplicationScoped
public class InboxTestConsumer {

    private final AtomicInteger deliveries = new AtomicInteger();
    private final EventConsumer consumer;

    public InboxTestConsumer(EventConsumer consumer) {
        this.consumer = consumer;
    }

    /** Records handed to the consumer so far, redeliveries included. */
    public int deliveries() {
        return deliveries.get();
    }

    @Incoming("inbox-test")
    public Uni<Void> consume(String value) {
        deliveries.incrementAndGet();
        return consumer.consumeOnce("inbox-test", value, event -> Panache.getSession()
                .chain(session -> session.createNativeQuery("insert into test_effect (event_id, subject) values (:id, :subject)")
                        .setParameter("id", event.id())
                        .setParameter("subject", event.subject())
                        .executeUpdate())
                .replaceWithVoid());
    }
}

package org.esscard.platform.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.esscard.events.CloudEvent;
import org.esscard.platform.inbox.EventConsumer;
import org.esscard.platform.inbox.PoisonMessageException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumers of the inbox tests, one record at a time ({@code inbox-test}) and a polled batch at a time
 * ({@code inbox-batch-test}): the effect is a {@code test_effect} row per applied event, in the order applied. An event
 * whose subject starts with {@value #POISON_IN_EFFECT} is a CloudEvent the effect cannot use: it fails mid-transaction.
 */
@ApplicationScoped
public class InboxTestConsumer {

    public static final String POISON_IN_EFFECT = "poison-effect";

    private final AtomicInteger deliveries = new AtomicInteger();
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final EventConsumer consumer;

    public InboxTestConsumer(EventConsumer consumer) {
        this.consumer = consumer;
    }

    /** Records handed to the consumer so far, redeliveries included. */
    public int deliveries() {
        return deliveries.get();
    }

    /** The size of every batch the batch consumer was handed, in order. */
    public List<Integer> batchSizes() {
        return batchSizes;
    }

    @Incoming("inbox-test")
    public Uni<Void> consume(String value) {
        deliveries.incrementAndGet();
        return consumer.consumeOnce("inbox-test", value, this::effect);
    }

    @Incoming("inbox-batch-test")
    public Uni<Void> consumeBatch(KafkaRecordBatch<String, String> batch) {
        batchSizes.add(batch.getRecords().size());
        return consumer.consumeBatch("inbox-batch-test", batch, this::effect);
    }

    private Uni<Void> effect(CloudEvent event) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("insert into test_effect (event_id, subject) values (:id, :subject)")
                        .setParameter("id", event.id())
                        .setParameter("subject", event.subject())
                        .executeUpdate())
                .invoke(() -> {
                    if (event.subject().startsWith(POISON_IN_EFFECT)) {
                        throw new PoisonMessageException("data of " + event.type() + " is not usable here", null);
                    }
                })
                .replaceWithVoid();
    }
}

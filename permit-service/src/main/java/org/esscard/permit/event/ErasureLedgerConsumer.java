package org.esscard.permit.event;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.esscard.events.CloudEvent;
import org.esscard.events.erasure.ErasureCarriedOut;
import org.esscard.events.permit.ErasureRecorded;
import org.esscard.permit.service.erasure.HolderErasures;
import org.esscard.platform.inbox.EventConsumer;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Gathers the erasure ledger for support: each erasure and every service's report of it, each event once. */
@ApplicationScoped
public class ErasureLedgerConsumer {

    static final String CONSUMER = "permit-erasure-ledger";

    private final EventConsumer events;
    private final HolderErasures erasures;

    public ErasureLedgerConsumer(EventConsumer events, HolderErasures erasures) {
        this.events = events;
        this.erasures = erasures;
    }

    @Incoming("erasure-ledger")
    public Uni<Void> onLedgerEntry(String value) {
        return events.consumeOnce(CONSUMER, value, this::apply);
    }

    private Uni<Void> apply(CloudEvent event) {
        if (ErasureCarriedOut.TYPE.equals(event.type())) {
            return erasures.report(events.data(event, ErasureCarriedOut.class));
        }
        if (ErasureRecorded.TYPE.equals(event.type())) {
            return erasures.record(events.data(event, ErasureRecorded.class));
        }
        return Uni.createFrom().voidItem();
    }
}

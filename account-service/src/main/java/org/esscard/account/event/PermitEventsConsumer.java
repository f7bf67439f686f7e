package org.esscard.account.event;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.esscard.account.service.permit.PermitProjection;
import org.esscard.events.CloudEvent;
import org.esscard.events.permit.HolderErased;
import org.esscard.events.permit.PermitEvent;
import org.esscard.events.permit.PermitExpiring;
import org.esscard.platform.inbox.EventConsumer;
import org.esscard.platform.privacy.Erasures;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps the local permit projection (R3, R4) from {@code permit-events}, each event once. */
@ApplicationScoped
public class PermitEventsConsumer {

    static final String CONSUMER = "account-permit-events";

    private final EventConsumer events;
    private final Erasures erasures;
    private final PermitProjection permits;

    public PermitEventsConsumer(EventConsumer events, Erasures erasures, PermitProjection permits) {
        this.events = events;
        this.erasures = erasures;
        this.permits = permits;
    }

    @Incoming("permit-events")
    public Uni<Void> onPermitEvent(String value) {
        return events.consumeOnce(CONSUMER, value, this::apply);
    }

    private Uni<Void> apply(CloudEvent event) {
        if (HolderErased.TYPE.equals(event.type())) {
            return erasures.carryOut(events.data(event, HolderErased.class)).replaceWithVoid();
        }
        Class<? extends PermitEvent> type = PermitEvent.typeOf(event.type());
        // PermitExpiring changes nothing registration needs; unknown types are marked processed
        if (type == null || type == PermitExpiring.class) {
            return Uni.createFrom().voidItem();
        }
        return permits.apply(events.data(event, type).permit());
    }
}

package org.esscard.account.event;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.esscard.account.service.PermitProjection;
import org.esscard.events.CloudEvent;
import org.esscard.events.permit.PermitCancelled;
import org.esscard.events.permit.PermitExpired;
import org.esscard.events.permit.PermitIssued;
import org.esscard.events.permit.PermitUpdated;
import org.esscard.platform.inbox.EventConsumer;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps the local permit projection (R3, R4) from {@code permit-events}, each event once. */
@ApplicationScoped
public class PermitEventsConsumer {

    static final String CONSUMER = "account-permit-events";

    private final EventConsumer events;
    private final PermitProjection permits;

    public PermitEventsConsumer(EventConsumer events, PermitProjection permits) {
        this.events = events;
        this.permits = permits;
    }

    @Incoming("permit-events")
    public Uni<Void> onPermitEvent(String value) {
        return events.consumeOnce(CONSUMER, value, this::apply);
    }

    private Uni<Void> apply(CloudEvent event) {
        return switch (event.type()) {
            case PermitIssued.TYPE -> permits.apply(events.data(event, PermitIssued.class).permit());
            case PermitUpdated.TYPE -> permits.apply(events.data(event, PermitUpdated.class).permit());
            case PermitExpired.TYPE -> permits.apply(events.data(event, PermitExpired.class).permit());
            case PermitCancelled.TYPE -> permits.apply(events.data(event, PermitCancelled.class).permit());
            // PermitExpiring changes nothing registration needs; unknown types are marked processed
            default -> Uni.createFrom().voidItem();
        };
    }
}

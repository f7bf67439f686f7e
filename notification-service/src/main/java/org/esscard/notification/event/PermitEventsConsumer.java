package org.esscard.notification.event;

import java.util.Map;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.esscard.events.CloudEvent;
import org.esscard.events.permit.PermitIssued;
import org.esscard.notification.service.InboxService;
import org.esscard.notification.service.ReminderKind;
import org.esscard.platform.inbox.EventConsumer;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns permit events into inbox entries, each event once, whatever Kafka redelivers. */
@ApplicationScoped
public class PermitEventsConsumer {

    static final String CONSUMER = "notification-inbox";

    private final EventConsumer events;
    private final InboxService inbox;

    public PermitEventsConsumer(EventConsumer events, InboxService inbox) {
        this.events = events;
        this.inbox = inbox;
    }

    @Incoming("permit-events")
    public Uni<Void> onPermitEvent(String value) {
        return events.consumeOnce(CONSUMER, value, this::apply);
    }

    private Uni<Void> apply(CloudEvent event) {
        if (PermitIssued.TYPE.equals(event.type())) {
            var permit = events.data(event, PermitIssued.class).permit();
            return inbox.add(event.id(), permit.permitNumber(), ReminderKind.PERMIT_ISSUED, Map.of(
                    "permitNumber", permit.permitNumber(),
                    "talentCategory", permit.talentCategory().name(),
                    "validUntil", permit.validUntil().toString()));
        }
        // other permit events carry no notice yet: marked processed, so a later consumer version starts after them
        return Uni.createFrom().voidItem();
    }
}

package org.esscard.notification.event;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.esscard.events.CloudEvent;
import org.esscard.events.permit.HolderErased;
import org.esscard.events.permit.PermitEvent;
import org.esscard.notification.service.reminder.PermitReminders;
import org.esscard.platform.inbox.EventConsumer;
import org.esscard.platform.privacy.Erasures;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;

/** Hands every permit event, once each whatever Kafka redelivers, to {@link PermitReminders}. */
@ApplicationScoped
public class PermitEventsConsumer {

    static final String CONSUMER = "notification-permit-events";

    private final EventConsumer events;
    private final Erasures erasures;
    private final PermitReminders reminders;

    public PermitEventsConsumer(EventConsumer events, Erasures erasures, PermitReminders reminders) {
        this.events = events;
        this.erasures = erasures;
        this.reminders = reminders;
    }

    /** One polled batch in one transaction (EventConsumer.consumeBatch): its inbox marks, entries and deliveries. */
    @Incoming("permit-events")
    public Uni<Void> onPermitEvents(KafkaRecordBatch<String, String> batch) {
        return events.consumeBatch(CONSUMER, batch, this::apply);
    }

    private Uni<Void> apply(CloudEvent event) {
        if (HolderErased.TYPE.equals(event.type())) {
            return erasures.carryOut(events.data(event, HolderErased.class)).replaceWithVoid();
        }
        Class<? extends PermitEvent> type = PermitEvent.typeOf(event.type());
        // an event type this version does not know: marked processed, nothing to show
        return type == null ? Uni.createFrom().voidItem() : reminders.on(events.data(event, type), event);
    }
}

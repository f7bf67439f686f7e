package org.esscard.notification.event;

import java.util.Map;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.esscard.events.CloudEvent;
import org.esscard.events.identity.VerificationLocked;
import org.esscard.notification.service.inbox.InboxService;
import org.esscard.notification.service.reminder.ReminderKind;
import org.esscard.platform.inbox.EventConsumer;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;

/** Tells a holder when facial recognition was closed after repeated failures (R6): a security notice. */
@ApplicationScoped
public class IdentityEventsConsumer {

    static final String CONSUMER = "notification-identity-events";

    private final EventConsumer events;
    private final InboxService inbox;

    public IdentityEventsConsumer(EventConsumer events, InboxService inbox) {
        this.events = events;
        this.inbox = inbox;
    }

    /** One polled batch in one transaction (EventConsumer.consumeBatch): its inbox marks, entries and deliveries. */
    @Incoming("identity-events")
    public Uni<Void> onIdentityEvents(KafkaRecordBatch<String, String> batch) {
        return events.consumeBatch(CONSUMER, batch, event -> apply(event));
    }

    private Uni<Void> apply(CloudEvent event) {
        if (VerificationLocked.TYPE.equals(event.type())) {
            VerificationLocked locked = events.data(event, VerificationLocked.class);
            return inbox.add(event, locked.permitNumber(), null, ReminderKind.FACE_LOCKED,
                    Map.of("consecutiveFailures", String.valueOf(locked.consecutiveFailures())));
        }
        return Uni.createFrom().voidItem();
    }
}

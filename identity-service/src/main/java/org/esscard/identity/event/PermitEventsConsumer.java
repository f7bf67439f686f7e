package org.esscard.identity.event;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.esscard.events.CloudEvent;
import org.esscard.events.permit.HolderErased;
import org.esscard.events.permit.PermitEvent;
import org.esscard.identity.service.permit.PermitSubjects;
import org.esscard.platform.inbox.EventConsumer;
import org.esscard.platform.privacy.Erasures;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Hands every permit event, once each, to {@link PermitSubjects}, which keeps each permit's holder. */
@ApplicationScoped
public class PermitEventsConsumer {

    static final String CONSUMER = "identity-permit-events";

    private final EventConsumer events;
    private final Erasures erasures;
    private final PermitSubjects subjects;

    public PermitEventsConsumer(EventConsumer events, Erasures erasures, PermitSubjects subjects) {
        this.events = events;
        this.erasures = erasures;
        this.subjects = subjects;
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
        // an event type this version does not know: marked processed, nothing to keep
        return type == null ? Uni.createFrom().voidItem()
                : subjects.apply(events.data(event, type).permit(), event.type() + " " + event.id());
    }
}

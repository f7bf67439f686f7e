package org.esscard.identity.event;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.esscard.events.CloudEvent;
import org.esscard.events.permit.PermitEvent;
import org.esscard.events.permit.PermitSnapshot;
import org.esscard.identity.repository.PermitSubject;
import org.esscard.platform.inbox.EventConsumer;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps each permit's holder (name, passport number, status) as permit events tell it, each event once. A
 * snapshot older than the one stored arrived late and is ignored.
 */
@ApplicationScoped
public class PermitEventsConsumer {

    static final String CONSUMER = "identity-permit-events";

    private final EventConsumer events;
    private final Clock clock;

    public PermitEventsConsumer(EventConsumer events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Incoming("permit-events")
    public Uni<Void> onPermitEvent(String value) {
        return events.consumeOnce(CONSUMER, value, this::apply);
    }

    private Uni<Void> apply(CloudEvent event) {
        Class<? extends PermitEvent> type = PermitEvent.typeOf(event.type());
        // an event type this version does not know: marked processed, nothing to keep
        return type == null ? Uni.createFrom().voidItem() : keep(events.data(event, type).permit(), event);
    }

    private Uni<Void> keep(PermitSnapshot p, CloudEvent event) {
        return PermitSubject.<PermitSubject>findById(p.permitNumber()).chain(stored -> {
            if (stored != null && stored.version > p.version()) {
                Log.infof("%s %s for %s carries version %d, older than the stored %d: ignored", event.type(), event.id(),
                        p.permitNumber(), p.version(), stored.version);
                return Uni.createFrom().voidItem();
            }
            PermitSubject subject = stored != null ? stored : new PermitSubject();
            subject.permitNumber = p.permitNumber();
            subject.holderName = p.holderName();
            subject.passportNumber = p.passportNumber();
            subject.status = p.status().name();
            subject.validUntil = p.validUntil();
            subject.version = p.version();
            subject.updatedAt = OffsetDateTime.now(clock);
            return (stored != null ? Uni.createFrom().item(subject) : subject.persist()).replaceWithVoid();
        });
    }
}

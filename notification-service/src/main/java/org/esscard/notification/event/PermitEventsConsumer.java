package org.esscard.notification.event;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.esscard.events.CloudEvent;
import org.esscard.events.permit.PermitCancelled;
import org.esscard.events.permit.PermitExpired;
import org.esscard.events.permit.PermitExpiring;
import org.esscard.events.permit.PermitIssued;
import org.esscard.events.permit.PermitSnapshot;
import org.esscard.events.permit.PermitStatus;
import org.esscard.events.permit.PermitUpdated;
import org.esscard.notification.repository.PermitStates;
import org.esscard.notification.service.InboxService;
import org.esscard.notification.service.ReminderKind;
import org.esscard.platform.inbox.EventConsumer;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns permit events into reminders (R19), each event once whatever Kafka redelivers. It keeps the newest
 * permit snapshot it has seen: a snapshot older than that, or a {@code PermitExpiring} for a permit that is
 * no longer active, arrived late and would mislead the holder, so it makes no entry.
 */
@ApplicationScoped
public class PermitEventsConsumer {

    static final String CONSUMER = "notification-permit-events";

    private final EventConsumer events;
    private final InboxService inbox;
    private final Clock clock;

    public PermitEventsConsumer(EventConsumer events, InboxService inbox, Clock clock) {
        this.events = events;
        this.inbox = inbox;
        this.clock = clock;
    }

    /** One polled batch in one transaction (EventConsumer.consumeBatch): its inbox marks, entries and deliveries. */
    @Incoming("permit-events")
    public Uni<Void> onPermitEvents(KafkaRecordBatch<String, String> batch) {
        return events.consumeBatch(CONSUMER, batch, this::apply);
    }

    private Uni<Void> apply(CloudEvent event) {
        return switch (event.type()) {
            case PermitIssued.TYPE -> {
                PermitSnapshot p = events.data(event, PermitIssued.class).permit();
                yield track(p).chain(fresh -> !fresh ? skip(event) : inbox.add(event, p.permitNumber(), null,
                        ReminderKind.PERMIT_ISSUED, Map.of("permitNumber", p.permitNumber(),
                                "talentCategory", p.talentCategory().name(), "validUntil", p.validUntil().toString())));
            }
            case PermitUpdated.TYPE -> track(events.data(event, PermitUpdated.class).permit()).replaceWithVoid();
            case PermitExpiring.TYPE -> {
                PermitExpiring expiring = events.data(event, PermitExpiring.class);
                PermitSnapshot p = expiring.permit();
                yield current(p).chain(state -> {
                    if (state != null && (state.version() > p.version() || !PermitStatus.ACTIVE.name().equals(state.status())
                            || !state.validUntil().equals(p.validUntil()))) {
                        return skip(event);
                    }
                    return track(p).chain(() -> inbox.add(event, p.permitNumber(), null, ReminderKind.PERMIT_EXPIRING,
                            Map.of("permitNumber", p.permitNumber(), "daysLeft", String.valueOf(expiring.daysLeft()),
                                    "validUntil", p.validUntil().toString())));
                });
            }
            case PermitExpired.TYPE -> {
                PermitSnapshot p = events.data(event, PermitExpired.class).permit();
                yield current(p).chain(state -> {
                    if (state != null && (state.version() > p.version() || PermitStatus.CANCELLED.name().equals(state.status()))) {
                        return skip(event);
                    }
                    return track(p).chain(() -> inbox.add(event, p.permitNumber(), null, ReminderKind.PERMIT_EXPIRED,
                            Map.of("permitNumber", p.permitNumber(), "validUntil", p.validUntil().toString())));
                });
            }
            case PermitCancelled.TYPE -> {
                PermitCancelled cancelled = events.data(event, PermitCancelled.class);
                PermitSnapshot p = cancelled.permit();
                yield track(p).chain(() -> inbox.add(event, p.permitNumber(), null, ReminderKind.PERMIT_CANCELLED,
                        Map.of("permitNumber", p.permitNumber(), "reason", cancelled.reason())));
            }
            // an event type this version does not know: marked processed, nothing to show
            default -> Uni.createFrom().voidItem();
        };
    }

    private static Uni<PermitStates.Known> current(PermitSnapshot p) {
        return PermitStates.find(p.permitNumber());
    }

    /** Stores the snapshot if it is newer than what is known; {@code false} when it is older. */
    private Uni<Boolean> track(PermitSnapshot p) {
        return PermitStates.track(p, OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)));
    }

    private static Uni<Void> skip(CloudEvent event) {
        Log.infof("%s %s for %s arrived after a newer state: no reminder", event.type(), event.id(), event.subject());
        return Uni.createFrom().voidItem();
    }
}

package org.esscard.notification.service.reminder;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.esscard.events.CloudEvent;
import org.esscard.events.permit.PermitCancelled;
import org.esscard.events.permit.PermitEvent;
import org.esscard.events.permit.PermitExpired;
import org.esscard.events.permit.PermitExpiring;
import org.esscard.events.permit.PermitIssued;
import org.esscard.events.permit.PermitSnapshot;
import org.esscard.events.permit.PermitStatus;
import org.esscard.notification.repository.PermitStates;
import org.esscard.notification.service.inbox.InboxService;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns permit events into reminders (R19). It keeps the newest permit snapshot it has seen: a snapshot older than
 * that, or a {@code PermitExpiring} for a permit that is no longer active, arrived late and would mislead the holder,
 * so it makes no entry.
 */
@ApplicationScoped
public class PermitReminders {

    private final InboxService inbox;
    private final Clock clock;

    public PermitReminders(InboxService inbox, Clock clock) {
        this.inbox = inbox;
        this.clock = clock;
    }

    /** The reminder {@code payload} calls for, if any; {@code event} is the one it came in (ids, trace). */
    public Uni<Void> on(PermitEvent payload, CloudEvent event) {
        PermitSnapshot p = payload.permit();
        if (payload instanceof PermitIssued) {
            return track(p).chain(fresh -> !fresh ? skip(event) : inbox.add(event, p.permitNumber(), null,
                    ReminderKind.PERMIT_ISSUED, Map.of("permitNumber", p.permitNumber(),
                            "talentCategory", p.talentCategory().name(), "validUntil", p.validUntil().toString())));
        }
        if (payload instanceof PermitExpiring expiring) {
            return current(p).chain(state -> {
                if (state != null && (state.version() > p.version() || !PermitStatus.ACTIVE.name().equals(state.status())
                        || !state.validUntil().equals(p.validUntil()))) {
                    return skip(event);
                }
                return track(p).chain(() -> inbox.add(event, p.permitNumber(), null, ReminderKind.PERMIT_EXPIRING,
                        Map.of("permitNumber", p.permitNumber(), "daysLeft", String.valueOf(expiring.daysLeft()),
                                "validUntil", p.validUntil().toString())));
            });
        }
        if (payload instanceof PermitExpired) {
            return current(p).chain(state -> {
                if (state != null && (state.version() > p.version() || PermitStatus.CANCELLED.name().equals(state.status()))) {
                    return skip(event);
                }
                return track(p).chain(() -> inbox.add(event, p.permitNumber(), null, ReminderKind.PERMIT_EXPIRED,
                        Map.of("permitNumber", p.permitNumber(), "validUntil", p.validUntil().toString())));
            });
        }
        if (payload instanceof PermitCancelled cancelled) {
            return track(p).chain(() -> inbox.add(event, p.permitNumber(), null, ReminderKind.PERMIT_CANCELLED,
                    Map.of("permitNumber", p.permitNumber(), "reason", cancelled.reason())));
        }
        // PermitUpdated: no reminder, but the newest state is kept
        return track(p).replaceWithVoid();
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

package org.esscard.identity.service.permit;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.esscard.events.permit.PermitSnapshot;
import org.esscard.identity.repository.PermitSubject;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * identity-service's copy of each permit's holder (name, passport number, status, validity), which the verification
 * steps compare against (R3, R5): kept from the permits' events. A snapshot older than the one stored arrived late and
 * is ignored.
 */
@ApplicationScoped
public class PermitSubjects {

    private final Clock clock;

    public PermitSubjects(Clock clock) {
        this.clock = clock;
    }

    /** Keeps {@code p} unless a newer version is stored; {@code why} names the event, for the log. */
    public Uni<Void> apply(PermitSnapshot p, String why) {
        return PermitSubject.<PermitSubject>findById(p.permitNumber()).chain(stored -> {
            if (stored != null && stored.version > p.version()) {
                Log.infof("%s for %s carries version %d, older than the stored %d: ignored", why, p.permitNumber(),
                        p.version(), stored.version);
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

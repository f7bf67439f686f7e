package org.esscard.identity.service.permit;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.esscard.events.permit.PermitSnapshot;
import org.esscard.identity.repository.PermitSubject;
import org.esscard.platform.db.NativeSql;
import org.esscard.platform.privacy.Pseudonyms;

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
    private final Pseudonyms pseudonyms;

    public PermitSubjects(Clock clock, Pseudonyms pseudonyms) {
        this.clock = clock;
        this.pseudonyms = pseudonyms;
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
            return (stored != null ? Uni.createFrom().item(subject) : subject.persist().call(() -> faceCounterBack(p.permitNumber())))
                    .replaceWithVoid();
        });
    }

    /**
     * A permit whose holder was erased and which the authority issues again gets back the R6 face counter the erasure
     * kept under the pseudonym: six failures close face for the person, an erasure in between or not.
     */
    private Uni<Integer> faceCounterBack(String permitNumber) {
        return NativeSql.update("update face_attempt_counter set permit_number = ?1 where permit_number = ?2"
                + " and not exists (select 1 from face_attempt_counter where permit_number = ?1)", permitNumber, pseudonyms.of(permitNumber));
    }
}

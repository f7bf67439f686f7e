package org.esscard.account.service.permit;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.esscard.account.repository.HolderAccount;
import org.esscard.account.repository.PermitRecord;
import org.esscard.account.service.AccountError;
import org.esscard.events.permit.PermitDates;
import org.esscard.events.permit.PermitSnapshot;
import org.esscard.events.permit.PermitStatus;
import org.esscard.platform.problem.ProblemException;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/**
 * The local copy of work permits, fed by {@code permit-events} (event-carried state): registration and binding
 * read it, never permit-service. A snapshot older than the stored version arrived late and is ignored.
 */
@ApplicationScoped
public class PermitProjection {

    private final Clock clock;

    public PermitProjection(Clock clock) {
        this.clock = clock;
    }

    /**
     * Stores {@code snapshot} in the caller's transaction unless a newer version is known. A corrected passport
     * name (the permit authority amended it, as R3's message advises) follows to the account bound to the permit.
     */
    public Uni<Void> apply(PermitSnapshot snapshot) {
        return PermitRecord.<PermitRecord>findById(snapshot.permitNumber(), LockModeType.PESSIMISTIC_WRITE).chain(known -> {
            if (known != null && known.version > snapshot.version()) {
                Log.infof("permit %s version %d arrived after version %d: ignored", snapshot.permitNumber(), snapshot.version(),
                        known.version);
                return Uni.createFrom().voidItem();
            }
            OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
            PermitRecord record = known != null ? known : new PermitRecord();
            boolean renamed = known != null && !known.holderName.equals(snapshot.holderName());
            record.permitNumber = snapshot.permitNumber();
            record.holderName = snapshot.holderName();
            record.passportNumber = passport(snapshot.passportNumber());
            record.status = snapshot.status();
            record.validUntil = snapshot.validUntil();
            record.version = snapshot.version();
            record.updatedAt = now;
            Uni<Void> saved = known != null ? Uni.createFrom().voidItem() : record.persist().replaceWithVoid();
            if (!renamed) {
                return saved;
            }
            return saved.chain(() -> HolderAccount.update("holderName = ?1, updatedAt = ?2 where permitNumber = ?3",
                    snapshot.holderName(), now, snapshot.permitNumber())).replaceWithVoid();
        });
    }

    /** A passport number as compared here: case and spaces do not count. */
    public static String passport(String number) {
        return number == null ? null : number.replaceAll("\\s", "").toUpperCase(java.util.Locale.ROOT);
    }

    /** The permit, if it can be registered or bound now (R4): known, not cancelled, within its validity. */
    public Uni<PermitRecord> requireValid(String permitNumber) {
        return PermitRecord.<PermitRecord>findById(permitNumber).map(permit -> {
            if (permit == null) {
                throw new ProblemException(AccountError.PERMIT_NOT_FOUND, permitNumber);
            }
            if (permit.status == PermitStatus.CANCELLED) {
                throw new ProblemException(AccountError.PERMIT_CANCELLED, permitNumber);
            }
            // by date as well: permit-service's daily scan may not have marked it expired yet; the day ends in China
            if (permit.status == PermitStatus.EXPIRED || PermitDates.isOver(permit.validUntil, clock.instant())) {
                throw new ProblemException(AccountError.PERMIT_EXPIRED, permitNumber, permit.validUntil.toString());
            }
            return permit;
        });
    }
}

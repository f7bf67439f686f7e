package org.esscard.identity.service.audit;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.esscard.identity.repository.AuditRecord;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Appends every verification attempt to the audit trail, identifiers masked, in the caller's transaction. */
@ApplicationScoped
public class AuditTrail {

    /** The {@code method} column: a verification method or the SMS code step. */
    public static final String SMS_CODE = "SMS_CODE";

    private final Clock clock;

    public AuditTrail(Clock clock) {
        this.clock = clock;
    }

    /** Records an attempt in the current transaction. */
    public Uni<Void> append(UUID session, String permitNumber, String method, String outcome, String detail, String maskedIds) {
        AuditRecord record = new AuditRecord();
        record.sessionId = session.toString();
        record.permitNumber = permitNumber;
        record.method = method;
        record.outcome = outcome;
        record.detail = detail;
        record.maskedIds = maskedIds;
        record.occurredAt = OffsetDateTime.now(clock);
        return record.persist().replaceWithVoid();
    }

    /** Records an attempt in a transaction of its own: for attempts refused before anything else changed. */
    public Uni<Void> appendAlone(UUID session, String permitNumber, String method, String outcome, String detail,
            String maskedIds) {
        return Panache.withTransaction(() -> append(session, permitNumber, method, outcome, detail, maskedIds));
    }
}

package org.esscard.permit.repository;

import org.esscard.events.permit.PermitStatus;
import org.esscard.events.permit.TalentCategory;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.PreparedQuery;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The holder's read of one permit by its number, on the reactive pg client directly: one prepared primary-key select
 * per request, without a Hibernate session. Measured on the inquiry (docs/BENCHMARKS.md): the session, the entity's
 * load and its flush-on-close cost the service more than PostgreSQL's read itself. The permit comes back as a plain
 * {@link WorkPermit} that no session manages (read-only here). Nothing is cached: every request sees the row as it is
 * now, so a cancelled or expired permit is closed at once (R20).
 */
@ApplicationScoped
public class PermitReads {

    private static final String BY_NUMBER = "select permit_number, holder_name, passport_number, nationality, employer,"
            + " position, work_city, talent_category, issue_date, valid_until, status, cancellation_reason, cancelled_at,"
            + " version, created_at, updated_at, status_index from work_permit where permit_number = $1";

    private final PreparedQuery<RowSet<Row>> byNumber;

    public PermitReads(Pool pool) {
        this.byNumber = pool.preparedQuery(BY_NUMBER);
    }

    /** The permit {@code permitNumber}, or {@code null} when there is none. */
    public Uni<WorkPermit> find(String permitNumber) {
        return byNumber.execute(Tuple.of(permitNumber)).map(rows -> {
            var it = rows.iterator();
            return it.hasNext() ? permit(it.next()) : null;
        });
    }

    private static WorkPermit permit(Row row) {
        WorkPermit p = new WorkPermit();
        p.permitNumber = row.getString(0);
        p.holderName = row.getString(1);
        p.passportNumber = row.getString(2);
        p.nationality = row.getString(3);
        p.employer = row.getString(4);
        p.position = row.getString(5);
        p.workCity = row.getString(6);
        p.talentCategory = TalentCategory.valueOf(row.getString(7).trim());
        p.issueDate = row.getLocalDate(8);
        p.validUntil = row.getLocalDate(9);
        p.status = PermitStatus.valueOf(row.getString(10));
        p.cancellationReason = row.getString(11);
        p.cancelledAt = row.getOffsetDateTime(12);
        p.version = row.getLong(13);
        p.createdAt = row.getOffsetDateTime(14);
        p.updatedAt = row.getOffsetDateTime(15);
        p.statusIndex = row.getLong(16);
        return p;
    }
}

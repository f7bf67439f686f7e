package org.esscard.permit.repository;

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

    private static final String BY_NUMBER = "select " + PermitRows.COLUMNS
            + ", cancellation_reason, cancelled_at, created_at, updated_at, status_index from work_permit where permit_number = $1";

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
        WorkPermit p;
        try {
            p = PermitRows.permit(new PermitRows.Columns() {
                public String text(int column) {
                    return row.getString(column);
                }

                public java.time.LocalDate date(int column) {
                    return row.getLocalDate(column);
                }

                public long number(int column) {
                    return row.getLong(column);
                }
            });
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e); // the reactive row throws none
        }
        int next = PermitRows.COLUMN_COUNT;
        p.cancellationReason = row.getString(next);
        p.cancelledAt = row.getOffsetDateTime(next + 1);
        p.createdAt = row.getOffsetDateTime(next + 2);
        p.updatedAt = row.getOffsetDateTime(next + 3);
        p.statusIndex = row.getLong(next + 4);
        return p;
    }
}

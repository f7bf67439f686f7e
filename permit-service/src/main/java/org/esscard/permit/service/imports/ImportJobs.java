package org.esscard.permit.service.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.esscard.events.CloudEvent;
import org.esscard.events.Topics;
import org.esscard.events.permit.PermitDates;
import org.esscard.events.permit.PermitIssued;
import org.esscard.events.permit.PermitSnapshot;
import org.esscard.events.permit.PermitStatus;
import org.esscard.permit.repository.WorkPermit;
import org.esscard.permit.service.PermitMapper;
import org.esscard.permit.service.issue.IssuePermitRequest;
import org.esscard.permit.service.erasure.ErasureLifts;
import org.esscard.platform.outbox.Outbox;
import org.esscard.platform.text.StorableText;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The import jobs in the database, in plain JDBC on the importer's own thread: a job's row, and each batch as one
 * transaction with its new permits (one multi-row insert), their {@code PermitIssued} events, the rejected records and
 * the job's counters, so a record is applied whole or not at all.
 */
@ApplicationScoped
public class ImportJobs {

    private final AgroalDataSource dataSource;
    private final Outbox outbox;
    private final Clock clock;
    private final ErasureLifts erasureLifts;

    ImportJobs(AgroalDataSource dataSource, Outbox outbox, Clock clock, ErasureLifts erasureLifts) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.clock = clock;
        this.erasureLifts = erasureLifts;
    }

    /** Records accepted and rejected since the last {@link #apply}, by the line each starts on. */
    static final class Batch {
        final Map<Long, IssuePermitRequest> accepted = new LinkedHashMap<>();
        final Map<Long, String> rejected = new LinkedHashMap<>();

        void accept(long line, IssuePermitRequest request) {
            accepted.put(line, request);
        }

        void reject(long line, String reason) {
            // a reason may quote the record, and the record may hold what the database refuses
            rejected.put(line, PermitRecords.truncate(StorableText.scrub(reason)));
        }

        int size() {
            return accepted.size() + rejected.size();
        }
    }

    /** What one batch did. */
    record Applied(long processed, long succeeded, long failed) {
    }

    UUID create(String format, long total, String createdBy) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("insert into import_job (id, format, status, total, created_by, created_at)"
                        + " values (?, ?, 'RUNNING', ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, format);
            insert.setLong(3, Math.max(0, total));
            insert.setString(4, createdBy);
            insert.setTimestamp(5, Timestamp.from(clock.instant()));
            insert.executeUpdate();
        }
        return id;
    }

    /** One transaction: the new permits, their events, the rejected records, the job's counters; the batch is emptied. */
    Applied apply(UUID job, Batch batch) throws SQLException {
        long processed = batch.size();
        if (processed == 0) {
            return new Applied(0, 0, 0);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Set<String> inserted = insertPermits(c, batch.accepted.values());
                Set<String> claimed = new HashSet<>();
                List<CloudEvent> events = new ArrayList<>();
                batch.accepted.forEach((line, request) -> {
                    // a number inserted now belongs to the first record that carried it
                    if (inserted.contains(request.permitNumber()) && claimed.add(request.permitNumber())) {
                        events.add(outbox.event(new PermitIssued(snapshot(request))));
                    } else {
                        batch.rejected.put(line, "permit " + request.permitNumber() + " already exists");
                    }
                });
                outbox.addAll(c, Topics.PERMIT_EVENTS, events);
                erasureLifts.issued(c, claimed);
                insertErrors(c, job, batch.rejected);
                long failed = batch.rejected.size();
                try (PreparedStatement update = c.prepareStatement("update import_job set processed = processed + ?,"
                        + " succeeded = succeeded + ?, failed = failed + ? where id = ?")) {
                    update.setLong(1, processed);
                    update.setLong(2, events.size());
                    update.setLong(3, failed);
                    update.setObject(4, job);
                    update.executeUpdate();
                }
                c.commit();
                batch.accepted.clear();
                batch.rejected.clear();
                return new Applied(processed, events.size(), failed);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Deletes the reports of imports finished before {@code before}, their rejected lines with them (issue 18: a line's
     * reason may quote a holder's field); how many imports.
     */
    public int purgeReports(java.time.Instant before) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement("delete from import_job where finished_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(before));
            int purged = delete.executeUpdate();
            if (purged > 0) {
                Log.infof("deleted the reports of %d imports finished before %s", purged, before);
            }
            return purged;
        }
    }

    void finish(UUID id, String status, String message) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("update import_job set status = ?, message = ?, finished_at = ? where id = ?")) {
            update.setString(1, status);
            update.setString(2, message == null ? null : PermitRecords.truncate(message));
            update.setTimestamp(3, Timestamp.from(clock.instant()));
            update.setObject(4, id);
            update.executeUpdate();
        } catch (SQLException e) {
            Log.errorf(e, "import %s: could not record its end (%s)", id, status);
        }
    }

    /** The job with its rejected records from {@code errorOffset}, at most {@code errorLimit}; {@code null} when there is none. */
    ImportJob find(UUID id, int errorOffset, int errorLimit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            ImportJob job;
            try (PreparedStatement select = c.prepareStatement("select format, status, total, processed, succeeded, failed,"
                    + " message, created_at, finished_at from import_job where id = ?")) {
                select.setObject(1, id);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    job = new ImportJob(id, rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getString(7), odt(rs.getTimestamp(8)), odt(rs.getTimestamp(9)), List.of());
                }
            }
            List<ImportJob.LineError> errors = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("select line_number, reason from import_error where job_id = ?"
                    + " order by line_number offset ? limit ?")) {
                select.setObject(1, id);
                select.setInt(2, errorOffset);
                select.setInt(3, errorLimit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        errors.add(new ImportJob.LineError(rs.getLong(1), rs.getString(2)));
                    }
                }
            }
            return new ImportJob(job.id(), job.format(), job.status(), job.total(), job.processed(), job.succeeded(),
                    job.failed(), job.message(), job.createdAt(), job.finishedAt(), errors);
        }
    }

    private static void insertErrors(Connection c, UUID job, Map<Long, String> rejected) throws SQLException {
        if (rejected.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement("insert into import_error (job_id, line_number, reason) values (?, ?, ?)")) {
            for (Map.Entry<Long, String> error : rejected.entrySet()) {
                insert.setObject(1, job);
                insert.setLong(2, error.getKey());
                insert.setString(3, error.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The permit numbers this insert stored; one already there is skipped. */
    private Set<String> insertPermits(Connection c, Collection<IssuePermitRequest> requests) throws SQLException {
        if (requests.isEmpty()) {
            return Set.of();
        }
        String sql = "insert into work_permit (permit_number, holder_name, passport_number, nationality, employer, position,"
                + " work_city, talent_category, issue_date, valid_until, status, version, created_at, updated_at)"
                + " select t.*, 'ACTIVE', 0, ?, ? from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],"
                + " ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::date[], ?::date[]) as t"
                + " on conflict (permit_number) do nothing returning permit_number";
        LocalDate today = PermitDates.today(clock);
        Timestamp now = Timestamp.from(clock.instant());
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            insert.setTimestamp(1, now);
            insert.setTimestamp(2, now);
            insert.setArray(3, c.createArrayOf("varchar", requests.stream().map(IssuePermitRequest::permitNumber).toArray()));
            insert.setArray(4, c.createArrayOf("varchar", requests.stream().map(IssuePermitRequest::holderName).toArray()));
            insert.setArray(5, c.createArrayOf("varchar", requests.stream().map(IssuePermitRequest::passportNumber).toArray()));
            insert.setArray(6, c.createArrayOf("varchar", requests.stream().map(IssuePermitRequest::nationality).toArray()));
            insert.setArray(7, c.createArrayOf("varchar", requests.stream().map(IssuePermitRequest::employer).toArray()));
            insert.setArray(8, c.createArrayOf("varchar", requests.stream().map(IssuePermitRequest::position).toArray()));
            insert.setArray(9, c.createArrayOf("varchar", requests.stream().map(IssuePermitRequest::workCity).toArray()));
            insert.setArray(10, c.createArrayOf("varchar", requests.stream().map(r -> r.talentCategory().name()).toArray()));
            insert.setArray(11, c.createArrayOf("date", requests.stream()
                    .map(r -> java.sql.Date.valueOf(r.issueDate() != null ? r.issueDate() : today)).toArray()));
            insert.setArray(12, c.createArrayOf("date", requests.stream().map(r -> java.sql.Date.valueOf(r.validUntil())).toArray()));
            Set<String> inserted = new HashSet<>();
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1));
                }
            }
            return inserted;
        }
    }

    /** What the row just inserted holds: the request, dated today unless it says otherwise, ACTIVE, version 0. */
    private PermitSnapshot snapshot(IssuePermitRequest r) {
        WorkPermit inserted = r.toDraft();
        if (inserted.issueDate == null) {
            inserted.issueDate = PermitDates.today(clock);
        }
        inserted.status = PermitStatus.ACTIVE;
        inserted.version = 0;
        return PermitMapper.snapshot(inserted);
    }

    private static OffsetDateTime odt(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().atOffset(ZoneOffset.UTC);
    }
}

package org.esscard.permit.service.expiry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.esscard.events.CloudEvent;
import org.esscard.events.EventPayload;
import org.esscard.events.Topics;
import org.esscard.events.permit.PermitDates;
import org.esscard.events.permit.PermitExpired;
import org.esscard.events.permit.PermitExpiring;
import org.esscard.events.permit.PermitSnapshot;
import org.esscard.permit.config.ExpiryConfig;
import org.esscard.permit.repository.PermitRows;
import org.esscard.permit.service.PermitMapper;
import org.esscard.permit.service.credential.PermitValidity;
import org.esscard.platform.outbox.Outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The daily expiry scan (R19). Marks permits past valid-until EXPIRED with {@code PermitExpired}, and
 * reminds holders at each threshold with {@code PermitExpiring}.
 *
 * <p>Each (permit, validity period, threshold) is emitted once: a row in {@code expiry_reminder} is
 * inserted in the same transaction as the event's outbox row, and its primary key lets only one insert
 * win, also when several instances scan at the same moment. An extension changes valid-until, which
 * opens a new validity period with reminders of its own.
 *
 * <p>Days are days in China ({@link PermitValidity#ZONE}), as the permit authority's dates are: a permit valid until
 * day D expires at the first scan of D + 1 there, whatever the time in UTC.
 *
 * <p>The scan walks candidates in batches along the partial index of ACTIVE permits by (valid_until, permit_number),
 * each batch starting where the previous one stopped, so a batch costs the same whatever the number of permits and
 * memory stays bounded. Each batch is one statement (select, mark, claim) plus the outbox insert, in one transaction.
 */
@ApplicationScoped
public class ExpiryScanner {

    private final AgroalDataSource dataSource;
    private final Outbox outbox;
    private final Clock clock;
    private final ExpiryConfig config;
    private final ReentrantLock running = new ReentrantLock();

    public ExpiryScanner(AgroalDataSource dataSource, Outbox outbox, Clock clock, ExpiryConfig config) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
    }

    /** What one scan emitted. */
    public record ScanReport(LocalDate day, int expired, Map<Integer, Integer> expiringByThreshold, long millis) {
    }

    @Scheduled(identity = "permit-expiry-scan", cron = "${esscard.permit.expiry.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        scan();
    }

    void catchUp(@Observes StartupEvent startup) {
        if (config.catchUpAtStart()) {
            Thread thread = new Thread(this::scanQuietly, "permit-expiry-catch-up");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void scanQuietly() {
        try {
            scan();
        } catch (RuntimeException e) {
            Log.warnf("expiry catch-up scan failed; the daily scan will try again: %s", e.getMessage());
        }
    }

    /** Runs the scan for today (by the service's clock); one at a time in this instance. */
    public ScanReport scan() {
        running.lock();
        try {
            long start = System.nanoTime();
            // from the instant, not clock.withZone: the tests' MutableClock keeps its own zone
            LocalDate today = PermitDates.today(clock);
            int expired = expire(today);
            Map<Integer, Integer> expiring = new LinkedHashMap<>();
            int lowerExclusive = -1;
            for (int threshold : config.thresholds().stream().sorted().toList()) {
                // each threshold covers the days left above the next smaller one: a permit found with 5 days
                // left gets the 7-day reminder, not a late "30 days left"
                expiring.put(threshold, remind(today, lowerExclusive + 1, threshold));
                lowerExclusive = threshold;
            }
            ScanReport report = new ScanReport(today, expired, expiring, (System.nanoTime() - start) / 1_000_000);
            Log.infof("expiry scan for %s: %d expired, expiring reminders %s, in %d ms", today, expired, expiring, report.millis());
            return report;
        } catch (SQLException e) {
            throw new IllegalStateException("expiry scan failed", e);
        } finally {
            running.unlock();
        }
    }

    private int expire(LocalDate today) throws SQLException {
        // one statement per batch: the next ACTIVE permits past valid-until in index order are marked EXPIRED and their
        // reminder recorded; only the permits whose reminder row this statement inserted get an event. No FOR UPDATE:
        // locking each row first wrote it twice (at 10,000,000 permits nearly every row sits on a page of its own); a
        // row another instance or an extension changed meanwhile is re-checked by the UPDATE's own WHERE and left out.
        String sql = "with candidate as (select permit_number as n, valid_until as v from work_permit"
                + " where status = 'ACTIVE' and valid_until < ? and (valid_until, permit_number) > (?, ?)"
                + " order by valid_until, permit_number limit ?),"
                + " expired as (update work_permit p set status = 'EXPIRED', version = p.version + 1, updated_at = ?"
                + " from candidate where p.permit_number = candidate.n and p.status = 'ACTIVE' and p.valid_until < ?"
                + " returning " + PermitRows.columns("p") + "),"
                + " claimed as (insert into expiry_reminder (permit_number, valid_until, kind, threshold_days, emitted_at)"
                + " select permit_number, valid_until, 'EXPIRED', 0, ? from expired on conflict do nothing returning permit_number)"
                + " select " + PermitRows.columns("x") + ", candidate.v, candidate.n from candidate"
                + " left join claimed on claimed.permit_number = candidate.n left join expired x on x.permit_number = claimed.permit_number"
                + " order by candidate.v, candidate.n";
        Keyset after = Keyset.START;
        int total = 0;
        while (true) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                Timestamp now = Timestamp.from(clock.instant());
                Batch batch;
                try (PreparedStatement statement = c.prepareStatement(sql)) {
                    statement.setObject(1, today);
                    statement.setObject(2, after.validUntil());
                    statement.setString(3, after.permitNumber());
                    statement.setInt(4, config.batchSize());
                    statement.setTimestamp(5, now);
                    statement.setObject(6, today);
                    statement.setTimestamp(7, now);
                    batch = read(statement, permit -> new PermitExpired(permit));
                }
                total += emit(c, batch);
                if (batch.size < config.batchSize()) {
                    return total;
                }
                after = batch.last;
            }
        }
    }

    private int remind(LocalDate today, int minDaysLeft, int threshold) throws SQLException {
        // the claim decides who is reminded: a permit whose row is already there (an earlier scan, or another instance
        // at the same moment) is left out by the insert's primary key, so the batch reads only the index for it. Not
        // an anti-join (NOT EXISTS) in the candidate query: right after the expiry step has inserted its rows, the
        // table's statistics still say it is nearly empty, and the planner then rescans all of it for every candidate
        // (seen at 10,000,000 permits: 7.7 s a batch).
        String sql = "with candidate as (select permit_number, valid_until from work_permit"
                + " where status = 'ACTIVE' and valid_until <= ? and (valid_until, permit_number) > (?, ?)"
                + " order by valid_until, permit_number limit ?),"
                + " claimed as (insert into expiry_reminder (permit_number, valid_until, kind, threshold_days, emitted_at)"
                + " select permit_number, valid_until, 'EXPIRING', ?, ? from candidate on conflict do nothing returning permit_number)"
                + " select " + PermitRows.columns("p") + ", candidate.valid_until, candidate.permit_number from candidate"
                + " left join claimed using (permit_number) left join work_permit p on p.permit_number = claimed.permit_number"
                + " order by candidate.valid_until, candidate.permit_number";
        // the window's first day is the walk's start, not a second lower bound beside it: PostgreSQL starts a range
        // scan at one of them, and from the index's start it stepped over every permit before the window, the ones the
        // expiry step just left behind included, in each batch (seen at 10,000,000 permits: 0.6 s before a batch's first row)
        Keyset after = new Keyset(today.plusDays(minDaysLeft), "");
        int total = 0;
        while (true) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                Batch batch;
                try (PreparedStatement statement = c.prepareStatement(sql)) {
                    statement.setObject(1, today.plusDays(threshold));
                    statement.setObject(2, after.validUntil());
                    statement.setString(3, after.permitNumber());
                    statement.setInt(4, config.batchSize());
                    statement.setInt(5, threshold);
                    statement.setTimestamp(6, Timestamp.from(clock.instant()));
                    batch = read(statement, permit -> new PermitExpiring(permit,
                            (int) ChronoUnit.DAYS.between(today, permit.validUntil()), threshold));
                }
                total += emit(c, batch);
                if (batch.size < config.batchSize()) {
                    return total;
                }
                after = batch.last;
            }
        }
    }

    /** Where a walk in (valid_until, permit_number) order stopped; every permit sorts after {@link #START}. */
    private record Keyset(LocalDate validUntil, String permitNumber) {
        static final Keyset START = new Keyset(LocalDate.of(1, 1, 1), "");
    }

    /** One batch read: the events of the permits this transaction claimed, how many rows it read, the last one. */
    private record Batch(List<CloudEvent> events, int size, Keyset last) {
    }

    /**
     * Reads rows of {@link PermitRows#COLUMNS} (all null where an earlier scan or another instance had already claimed
     * the permit), then the row's valid_until and permit_number, where the next batch starts after; an event for each
     * permit this transaction claimed.
     */
    private Batch read(PreparedStatement statement, Function<PermitSnapshot, EventPayload> event) throws SQLException {
        List<CloudEvent> events = new ArrayList<>();
        int size = 0;
        Keyset last = null;
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                size++;
                last = new Keyset(rs.getDate(PermitRows.COLUMN_COUNT + 1).toLocalDate(), rs.getString(PermitRows.COLUMN_COUNT + 2));
                if (rs.getString(1) != null) {
                    events.add(outbox.event(event.apply(PermitMapper.snapshot(PermitRows.permit(rs)))));
                }
            }
        }
        return new Batch(events, size, last);
    }

    /** Writes the batch's events to the outbox and commits; returns how many. */
    private int emit(Connection c, Batch batch) throws SQLException {
        outbox.addAll(c, Topics.PERMIT_EVENTS, batch.events());
        c.commit();
        return batch.events().size();
    }
}

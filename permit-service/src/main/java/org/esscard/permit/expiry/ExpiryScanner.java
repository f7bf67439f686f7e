package org.esscard.permit.expiry;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.esscard.events.CloudEvent;
import org.esscard.events.Topics;
import org.esscard.events.permit.PermitExpired;
import org.esscard.events.permit.PermitExpiring;
import org.esscard.events.permit.PermitSnapshot;
import org.esscard.events.permit.PermitStatus;
import org.esscard.permit.repository.PermitRows;
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
 * opens a new validity period with reminders of its own. The scan walks candidates in batches by
 * permit number, so memory stays bounded whatever the number of permits.
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
            LocalDate today = LocalDate.now(clock);
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
        int total = 0;
        while (true) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                List<PermitSnapshot> batch = new ArrayList<>();
                try (PreparedStatement select = c.prepareStatement("select " + PermitRows.COLUMNS + " from work_permit"
                        + " where status = 'ACTIVE' and valid_until < ? order by permit_number limit ? for update skip locked")) {
                    select.setObject(1, today);
                    select.setInt(2, config.batchSize());
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            batch.add(PermitRows.snapshot(rs));
                        }
                    }
                }
                if (batch.isEmpty()) {
                    c.commit();
                    return total;
                }
                String[] numbers = batch.stream().map(PermitSnapshot::permitNumber).toArray(String[]::new);
                try (PreparedStatement update = c.prepareStatement("update work_permit set status = 'EXPIRED',"
                        + " version = version + 1, updated_at = ? where permit_number = any(?)")) {
                    update.setTimestamp(1, Timestamp.from(clock.instant()));
                    update.setArray(2, c.createArrayOf("varchar", numbers));
                    update.executeUpdate();
                }
                Set<String> first = claim(c, batch, "EXPIRED", 0);
                List<CloudEvent> events = new ArrayList<>();
                for (PermitSnapshot permit : batch) {
                    if (first.contains(permit.permitNumber())) {
                        events.add(outbox.event(new PermitExpired(expiredSnapshot(permit))));
                    }
                }
                outbox.addAll(c, Topics.PERMIT_EVENTS, events);
                c.commit();
                total += events.size();
                if (batch.size() < config.batchSize()) {
                    return total;
                }
            }
        }
    }

    private int remind(LocalDate today, int minDaysLeft, int threshold) throws SQLException {
        int total = 0;
        String after = "";
        String sql = "select " + PermitRows.COLUMNS + " from work_permit p where p.status = 'ACTIVE'"
                + " and p.valid_until between ? and ? and p.permit_number > ?"
                + " and not exists (select 1 from expiry_reminder r where r.permit_number = p.permit_number"
                + " and r.valid_until = p.valid_until and r.kind = 'EXPIRING' and r.threshold_days = ?)"
                + " order by p.permit_number limit ?";
        while (true) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                List<PermitSnapshot> batch = new ArrayList<>();
                try (PreparedStatement select = c.prepareStatement(sql)) {
                    select.setObject(1, today.plusDays(minDaysLeft));
                    select.setObject(2, today.plusDays(threshold));
                    select.setString(3, after);
                    select.setInt(4, threshold);
                    select.setInt(5, config.batchSize());
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            batch.add(PermitRows.snapshot(rs));
                        }
                    }
                }
                if (batch.isEmpty()) {
                    c.commit();
                    return total;
                }
                Set<String> first = claim(c, batch, "EXPIRING", threshold);
                List<CloudEvent> events = new ArrayList<>();
                for (PermitSnapshot permit : batch) {
                    if (first.contains(permit.permitNumber())) {
                        int daysLeft = (int) ChronoUnit.DAYS.between(today, permit.validUntil());
                        events.add(outbox.event(new PermitExpiring(permit, daysLeft, threshold)));
                    }
                }
                outbox.addAll(c, Topics.PERMIT_EVENTS, events);
                c.commit();
                total += events.size();
                after = batch.get(batch.size() - 1).permitNumber();
                if (batch.size() < config.batchSize()) {
                    return total;
                }
            }
        }
    }

    /** Records the reminders; returns the permits whose reminder this transaction is the first to record. */
    private Set<String> claim(Connection c, List<PermitSnapshot> batch, String kind, int threshold) throws SQLException {
        String sql = "insert into expiry_reminder (permit_number, valid_until, kind, threshold_days, emitted_at)"
                + " select n, v, ?, ?, ? from unnest(?::varchar[], ?::date[]) as t(n, v)"
                + " on conflict do nothing returning permit_number";
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            insert.setString(1, kind);
            insert.setInt(2, threshold);
            insert.setTimestamp(3, Timestamp.from(clock.instant()));
            Array numbers = c.createArrayOf("varchar", batch.stream().map(PermitSnapshot::permitNumber).toArray());
            Array dates = c.createArrayOf("date", batch.stream().map(p -> java.sql.Date.valueOf(p.validUntil())).toArray());
            insert.setArray(4, numbers);
            insert.setArray(5, dates);
            Set<String> inserted = new HashSet<>();
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1));
                }
            }
            return inserted;
        }
    }

    private static PermitSnapshot expiredSnapshot(PermitSnapshot p) {
        return new PermitSnapshot(p.permitNumber(), p.holderName(), p.passportNumber(), p.nationality(), p.employer(),
                p.position(), p.workCity(), p.talentCategory(), p.issueDate(), p.validUntil(), PermitStatus.EXPIRED,
                p.version() + 1);
    }
}

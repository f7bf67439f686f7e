package org.esscard.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * R19 end to end: permits cancelled at permit-service one after the other, each becoming a cancellation reminder in
 * notification-service's inbox (outbox → relay → Kafka → consumer). Latency = the inbox entry's {@code created_at} minus
 * the cancelled row's {@code updated_at}, both written with this machine's clock.
 */
public final class CancelToInbox {

    /** Latencies in milliseconds, sorted; {@code missing} and {@code duplicates} must be 0. */
    public record Result(int events, long p50, long p90, long p99, long max, int missing, int duplicates, double cancelsPerSecond,
            Split relay, Split consumer) {
    }

    /** One part of the way: commit → Kafka's record timestamp (outbox relay), Kafka → inbox entry (consumer). */
    public record Split(long p50, long p99, long max) {
        static Split of(List<Long> millis) {
            if (millis.isEmpty()) {
                return new Split(-1, -1, -1);
            }
            millis.sort(Long::compare);
            int n = millis.size();
            return new Split(millis.get(n / 2), millis.get(Math.min(n - 1, n * 99 / 100)), millis.get(n - 1));
        }
    }

    private CancelToInbox() {
    }

    /**
     * Issues {@code events} permits, then cancels them one after the other at {@code perSecond} (a steady rate, so the
     * figure is the way's latency; a burst faster than the consumer applies them measures its queue instead).
     */
    public static Result run(Target target, String prefix, int events, double perSecond) throws Exception {
        List<String> permits = Seed.permits(target, prefix, events);
        String authority = Seed.staffLogin(target, "authority", "Authority#2026");
        // the PermitIssued reminders first, so the cancellations do not queue behind them
        awaitEntries(target, prefix, "PERMIT_ISSUED", events, 120);
        long sinceMillis = System.currentTimeMillis();
        long began = System.nanoTime();
        long interval = (long) (1e9 / perSecond);
        for (int i = 0; i < permits.size(); i++) {
            String number = permits.get(i);
            long wait = began + i * interval - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            Http.postJson(target.permitUrl() + "/api/permits/" + number + "/cancellation", authority, "{\"reason\":\"Employment ended\"}")
                    .expect(200);
        }
        double cancelsPerSecond = events / ((System.nanoTime() - began) / 1e9);
        awaitEntries(target, prefix, "PERMIT_CANCELLED", events, 120);
        Thread.sleep(1_000);

        Map<String, List<Long>> entries = micros(target.notificationJdbc(), "select permit_number, (extract(epoch from created_at) * 1000000)::bigint"
                + " from inbox_entry where kind = 'PERMIT_CANCELLED' and permit_number like ?", prefix);
        Map<String, List<Long>> committed = micros(target.permitJdbc(), "select permit_number, (extract(epoch from updated_at) * 1000000)::bigint"
                + " from work_permit where status = 'CANCELLED' and permit_number like ?", prefix);
        Map<String, Long> published = KafkaTimes.cancellations(target.kafka(), prefix, sinceMillis);
        List<Long> latencies = new ArrayList<>();
        List<Long> relay = new ArrayList<>();
        List<Long> consumer = new ArrayList<>();
        int duplicates = 0;
        for (Map.Entry<String, List<Long>> e : entries.entrySet()) {
            duplicates += e.getValue().size() - 1;
            long commit = committed.get(e.getKey()).get(0);
            long inbox = e.getValue().get(0);
            latencies.add((inbox - commit) / 1000);
            Long kafka = published.get(e.getKey());
            if (kafka != null) {
                relay.add(kafka - commit / 1000);
                consumer.add(inbox / 1000 - kafka);
            }
        }
        latencies.sort(Long::compare);
        int n = latencies.size();
        return new Result(n, latencies.get(n / 2), latencies.get(n * 9 / 10), latencies.get(Math.min(n - 1, n * 99 / 100)),
                latencies.get(n - 1), events - entries.size(), duplicates, cancelsPerSecond, Split.of(relay), Split.of(consumer));
    }

    private static void awaitEntries(Target target, String prefix, String kind, int count, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            try (Connection c = DriverManager.getConnection(target.notificationJdbc(), "esscard", "esscard");
                    PreparedStatement s = c.prepareStatement("select count(*) from inbox_entry where kind = ? and permit_number like ?")) {
                s.setString(1, kind);
                s.setString(2, prefix + "%");
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) >= count) {
                        return;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("only " + rs.getInt(1) + " of " + count + " " + kind + " entries after " + seconds + " s");
                    }
                }
            }
            Thread.sleep(200);
        }
    }

    private static Map<String, List<Long>> micros(String jdbc, String sql, String prefix) throws Exception {
        Map<String, List<Long>> result = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbc, "esscard", "esscard"); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, prefix + "%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
                }
            }
        }
        return result;
    }
}

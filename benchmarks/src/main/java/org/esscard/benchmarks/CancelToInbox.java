package org.esscard.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * R19 end to end: permits cancelled at permit-service, each becoming a cancellation reminder in notification-service's
 * inbox (outbox → relay → Kafka → consumer). Latency = the inbox entry's {@code created_at} minus the cancelled row's
 * {@code updated_at}, both written with this machine's clock. Two loads: a steady rate (the way's latency), and a burst
 * that waits in Kafka behind the consumer and is then drained (the consumer's throughput).
 */
public final class CancelToInbox {

    /** The goal of issue 14 for the steady rate. */
    static final long GOAL_P99_MS = 100;
    static final double GOAL_RATE = 100;
    /** The goal of issue 14 for the burst. */
    static final int GOAL_BURST = 10_000;
    static final double GOAL_DRAIN_PER_SECOND = 1_000;

    /** Cancellations submitted at once, in both loads: enough that the API keeps the rate while a few calls are slow. */
    private static final int CLIENTS = 16;
    /** Cancellations of the warm-up before the first measured run (full run only). */
    private static final int WARM_UP = 300;

    /** Latencies in milliseconds, sorted; {@code missing} and {@code duplicates} must be 0. */
    public record Result(int events, long p50, long p90, long p99, long max, int missing, int duplicates, double cancelsPerSecond,
            Split relay, Split consumer) {
    }

    /**
     * A burst: {@code events} cancellations committed while the consumer was held, then drained. {@code drainPerSecond} =
     * events ÷ (last inbox entry − the consumer's release); {@code submitPerSecond} is how fast the API took the burst.
     */
    public record Burst(int events, double submitPerSecond, double drainSeconds, double drainPerSecond, int missing, int duplicates,
            Split relay) {
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
     * Issues {@code events} permits, then cancels them at a steady {@code perSecond} (an open model: each cancellation
     * starts at its own time, whatever the previous ones take), so the figure is the way's latency.
     */
    public static Result run(Target target, String prefix, int events, double perSecond) throws Exception {
        List<String> permits = Seed.permits(target, prefix, events);
        String authority = Seed.staffLogin(target, "authority", "Authority#2026");
        // the PermitIssued reminders first, so the cancellations do not queue behind them
        awaitEntries(target, prefix, "PERMIT_ISSUED", events, 300);
        long sinceMillis = System.currentTimeMillis();
        long began = System.nanoTime();
        long interval = (long) (1e9 / perSecond);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < permits.size(); i++) {
                String number = permits.get(i);
                long wait = began + i * interval - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                calls.add(clients.submit(() -> cancel(target, authority, number)));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            clients.shutdown();
        }
        double cancelsPerSecond = events / ((System.nanoTime() - began) / 1e9);
        awaitEntries(target, prefix, "PERMIT_CANCELLED", events, 300);
        Thread.sleep(1_000);

        Map<String, List<Long>> entries = entries(target, prefix);
        Map<String, List<Long>> committed = commits(target, prefix);
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

    /**
     * Issues {@code events} permits, then holds notification-service's consumer (a lock on its inbox marks, which every
     * record's transaction writes) while all of them are cancelled, so the whole burst is committed, published and waiting
     * in Kafka; then lets go and times the drain to the last inbox entry.
     */
    public static Burst burst(Target target, String prefix, int events) throws Exception {
        List<String> permits = Seed.permits(target, prefix, events);
        String authority = Seed.staffLogin(target, "authority", "Authority#2026");
        awaitEntries(target, prefix, "PERMIT_ISSUED", events, 600);
        long sinceMillis = System.currentTimeMillis();
        double submitPerSecond;
        long releasedMicros;
        try (Connection hold = DriverManager.getConnection(target.notificationJdbc(), "esscard", "esscard")) {
            hold.setAutoCommit(false);
            try (Statement s = hold.createStatement()) {
                // SHARE blocks the consumer's insert of its mark, not the readers
                s.execute("lock table inbox_processed in share mode");
            }
            long began = System.nanoTime();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<?>> calls = new ArrayList<>();
                for (String number : permits) {
                    calls.add(clients.submit(() -> cancel(target, authority, number)));
                }
                for (Future<?> call : calls) {
                    call.get();
                }
            } finally {
                clients.shutdown();
            }
            submitPerSecond = events / ((System.nanoTime() - began) / 1e9);
            awaitPublished(target, prefix, sinceMillis, events, 120);
            releasedMicros = System.currentTimeMillis() * 1000;
            hold.rollback();
        }
        awaitEntries(target, prefix, "PERMIT_CANCELLED", events, 600);
        Thread.sleep(1_000);

        Map<String, List<Long>> entries = entries(target, prefix);
        Map<String, List<Long>> committed = commits(target, prefix);
        Map<String, Long> published = KafkaTimes.cancellations(target.kafka(), prefix, sinceMillis);
        List<Long> relay = new ArrayList<>();
        long last = releasedMicros;
        int duplicates = 0;
        for (Map.Entry<String, List<Long>> e : entries.entrySet()) {
            duplicates += e.getValue().size() - 1;
            last = Math.max(last, e.getValue().get(0));
            Long kafka = published.get(e.getKey());
            if (kafka != null) {
                relay.add(kafka - committed.get(e.getKey()).get(0) / 1000);
            }
        }
        double drainSeconds = (last - releasedMicros) / 1e6;
        return new Burst(events, submitPerSecond, drainSeconds, entries.size() / Math.max(drainSeconds, 1e-3), events - entries.size(),
                duplicates, Split.of(relay));
    }

    /**
     * Every repetition of the steady rate, then of the burst, into {@code r} (printed as they come). While profiling a fix
     * with {@code --only cancel}, {@code -Dbench.cancel.repeats=1} takes each once and {@code -Dbench.cancel.burst=N}
     * makes the burst smaller.
     */
    static void measure(Target target, Plan plan, Results r, String runId) throws Exception {
        int repeats = Integer.getInteger("bench.cancel.repeats", plan.repeats());
        int burst = Integer.getInteger("bench.cancel.burst", plan.cancelBurst());
        if (plan.warmUpSeconds() > 0) {
            // the first cancellations after start load and compile the whole way (class loading on notification-service's
            // event loop stalled it for seconds under load): warm it, as the other parts warm theirs, and count nothing
            System.out.println("==> cancel → inbox warm-up: " + WARM_UP + " events at " + plan.cancelsPerSecond() + " cancellations/s");
            System.out.printf("    (not counted) %s%n", run(target, "W" + runId, WARM_UP, plan.cancelsPerSecond()));
        }
        for (int i = 1; i <= repeats; i++) {
            System.out.println("==> cancel → inbox " + i + "/" + repeats + ": " + plan.cancellations() + " events at "
                    + plan.cancelsPerSecond() + " cancellations/s");
            r.cancel.add(run(target, "C" + runId + i, plan.cancellations(), plan.cancelsPerSecond()));
            System.out.printf("    %s%n", r.cancel.get(r.cancel.size() - 1));
        }
        for (int i = 1; i <= repeats; i++) {
            System.out.println("==> cancel → inbox burst " + i + "/" + repeats + ": " + burst + " events");
            r.cancelBurst.add(burst(target, "B" + runId + i, burst));
            System.out.printf("    %s%n", r.cancelBurst.get(r.cancelBurst.size() - 1));
        }
    }

    /** The two rows of the report's goals table. */
    static String goalRows(Results r) {
        Spread p99 = Spread.of(r.cancel, Result::p99);
        Spread rate = Spread.of(r.cancel, Result::cancelsPerSecond);
        Spread drain = Spread.of(r.cancelBurst, Burst::drainPerSecond);
        int lost = r.cancel.stream().mapToInt(Result::missing).sum() + r.cancelBurst.stream().mapToInt(Burst::missing).sum();
        int twice = r.cancel.stream().mapToInt(Result::duplicates).sum() + r.cancelBurst.stream().mapToInt(Burst::duplicates).sum();
        boolean steadyMet = !r.cancel.isEmpty() && p99.max() < GOAL_P99_MS && rate.min() >= GOAL_RATE * 0.98 && lost == 0 && twice == 0;
        boolean burstMet = !r.cancelBurst.isEmpty() && drain.min() >= GOAL_DRAIN_PER_SECOND && lost == 0 && twice == 0
                && r.cancelBurst.stream().allMatch(b -> b.events() >= GOAL_BURST);
        return row("cancel → inbox, steady", "**p99 " + p99.format("%.0f") + " ms** at " + rate.format("%.0f") + " cancellations/s ("
                + r.cancel.size() + " runs of " + r.plan.cancellations() + ")", "p99 < 100 ms at 100/s", steadyMet)
                + row("cancel → inbox, burst", "**" + drain.format("%,.0f") + " events/s** drained, "
                        + Report.num(r.cancelBurst.isEmpty() ? r.plan.cancelBurst() : r.cancelBurst.get(0).events())
                        + " events (" + r.cancelBurst.size() + " runs); " + lost + " lost, " + twice + " duplicated",
                        "≥ 1,000 events/s for 10,000, 0 lost, 0 duplicated", burstMet);
    }

    /** The section of the report: both loads, min / median / max over the repetitions, and the split of the way. */
    static String section(Results r) {
        StringBuilder md = new StringBuilder("### Cancellation commit → reminder in the inbox (R19)\n\n");
        md.append("**Steady.** ").append(Report.num(r.plan.cancellations())).append(" permits issued, then cancelled through `POST /api/permits/{n}/cancellation` at a steady ")
                .append(Report.f1(r.plan.cancelsPerSecond())).append(" cancellations/s (each at its own time, ").append(CLIENTS)
                .append(" clients), ").append(r.cancel.size()).append(" runs").append(r.plan.warmUpSeconds() > 0 ? " after a warm-up of " + WARM_UP + " cancellations not counted" : "").append("; latency = inbox entry `created_at` − cancelled row `updated_at`. ")
                .append("Each cell: min / median / max over the runs.\n\n");
        md.append("| achieved /s | p50 | p90 | p99 | max | missing | duplicates |\n|---|---|---|---|---|---|---|\n");
        md.append("| ").append(Spread.of(r.cancel, Result::cancelsPerSecond).format("%.1f")).append(" | ")
                .append(Spread.of(r.cancel, Result::p50).format("%.0f")).append(" ms | ")
                .append(Spread.of(r.cancel, Result::p90).format("%.0f")).append(" ms | **")
                .append(Spread.of(r.cancel, Result::p99).format("%.0f")).append(" ms** | ")
                .append(Spread.of(r.cancel, Result::max).format("%.0f")).append(" ms | ")
                .append(r.cancel.stream().mapToInt(Result::missing).sum()).append(" | ")
                .append(r.cancel.stream().mapToInt(Result::duplicates).sum()).append(" |\n\n");
        md.append("Split by the Kafka record's timestamp (the producer's clock, the same machine): commit → Kafka (outbox relay) p50 ")
                .append(Spread.of(r.cancel, x -> x.relay().p50()).format("%.0f")).append(" ms, p99 ")
                .append(Spread.of(r.cancel, x -> x.relay().p99()).format("%.0f")).append(" ms; **Kafka → inbox entry (consumer) p50 ")
                .append(Spread.of(r.cancel, x -> x.consumer().p50()).format("%.0f")).append(" ms, p99 ")
                .append(Spread.of(r.cancel, x -> x.consumer().p99()).format("%.0f")).append(" ms**.\n\n");
        md.append("**Burst.** ").append(Report.num(r.cancelBurst.isEmpty() ? r.plan.cancelBurst() : r.cancelBurst.get(0).events())).append(" permits issued, then notification-service's consumer held ")
                .append("(the harness locks its `inbox_processed` table, which every record's transaction writes) while all of them are cancelled by ")
                .append(CLIENTS).append(" clients, committed and published; then released. Drain = events ÷ (last inbox entry − release); ")
                .append(r.cancelBurst.size()).append(" runs.\n\n");
        md.append("| events | API took them at | relay p99 | drained in | drained at | missing | duplicates |\n|---|---|---|---|---|---|---|\n");
        md.append("| ").append(Report.num(r.cancelBurst.isEmpty() ? r.plan.cancelBurst() : r.cancelBurst.get(0).events())).append(" | ")
                .append(Spread.of(r.cancelBurst, Burst::submitPerSecond).format("%.0f")).append(" /s | ")
                .append(Spread.of(r.cancelBurst, b -> b.relay().p99()).format("%.0f")).append(" ms | ")
                .append(Spread.of(r.cancelBurst, Burst::drainSeconds).format("%.2f")).append(" s | **")
                .append(Spread.of(r.cancelBurst, Burst::drainPerSecond).format("%,.0f")).append(" events/s** | ")
                .append(r.cancelBurst.stream().mapToInt(Burst::missing).sum()).append(" | ")
                .append(r.cancelBurst.stream().mapToInt(Burst::duplicates).sum()).append(" |\n\n");
        return md.toString();
    }

    private static String row(String figure, String measured, String goal, boolean met) {
        return "| " + figure + " | " + measured + " | " + goal + " | " + (met ? "met" : "**missed**") + " |\n";
    }

    private static Void cancel(Target target, String authority, String number) {
        Http.postJson(target.permitUrl() + "/api/permits/" + number + "/cancellation", authority, "{\"reason\":\"Employment ended\"}")
                .expect(200);
        return null;
    }

    /** Waits until every cancellation of the burst is in Kafka (the relay's part is done; only the consumer's remains). */
    private static void awaitPublished(Target target, String prefix, long sinceMillis, int count, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (KafkaTimes.cancellations(target.kafka(), prefix, sinceMillis).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the burst's " + count + " cancellations were not all in Kafka after " + seconds + " s");
            }
            Thread.sleep(500);
        }
    }

    private static Map<String, List<Long>> entries(Target target, String prefix) throws Exception {
        return micros(target.notificationJdbc(), "select permit_number, (extract(epoch from created_at) * 1000000)::bigint"
                + " from inbox_entry where kind = 'PERMIT_CANCELLED' and permit_number like ?", prefix);
    }

    private static Map<String, List<Long>> commits(Target target, String prefix) throws Exception {
        return micros(target.permitJdbc(), "select permit_number, (extract(epoch from updated_at) * 1000000)::bigint"
                + " from work_permit where status = 'CANCELLED' and permit_number like ?", prefix);
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

package org.esscard.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The expiry scan's figures (R19, issue 14) as {@code benchmarks/expiry-scan.sh N REPEATS} prints them: one load, then
 * {@code REPEATS} runs on a fresh copy of it, each a first scan and a same-day rerun. A figure measured in each run is a
 * comma-separated list in the script's {@code result} line, reported here as min / median / max ({@link Spread}).
 */
public record ExpiryScanFigures(long permits, int repeats, String loadSeconds, Spread scanSeconds, Spread scanRssMib,
        Spread rerunSeconds, Spread rerunRssMib, List<Long> events, long expectedEvents, List<Long> rerunEvents) {

    /** The goal of issue 14: 10,000,000 permits scanned in under 120 s, every run. */
    public static final long GOAL_PERMITS = 10_000_000;
    public static final double GOAL_SECONDS = 120;

    public static ExpiryScanFigures of(Map<String, String> result) {
        return new ExpiryScanFigures(Long.parseLong(result.getOrDefault("permits", "0")),
                Integer.parseInt(result.getOrDefault("repeats", "1")), result.getOrDefault("load_s", "?"),
                Spread.of(longs(result, "scan1_ms").stream().map(ms -> ms / 1000.0).toList()), Spread.of(longs(result, "scan1_rss_mib")),
                Spread.of(longs(result, "scan2_ms").stream().map(ms -> ms / 1000.0).toList()), Spread.of(longs(result, "scan2_rss_mib")),
                longs(result, "scan1_events"), Long.parseLong(result.getOrDefault("expected_events", "-1")), longs(result, "scan2_events"));
    }

    private static List<Long> longs(Map<String, String> result, String key) {
        String value = result.get(key);
        return value == null || value.isBlank() ? List.of() : Arrays.stream(value.split(",")).map(Long::parseLong).toList();
    }

    /** Every run under the goal, at the goal's size, emitting what the rules say and nothing on the rerun. */
    public boolean met() {
        return permits >= GOAL_PERMITS && scanSeconds.count() > 0 && scanSeconds.max() < GOAL_SECONDS && exact();
    }

    /** Each first scan emitted exactly the SQL count of R19, each rerun nothing. */
    public boolean exact() {
        return !events.isEmpty() && events.stream().allMatch(e -> e == expectedEvents) && rerunEvents.stream().allMatch(e -> e == 0);
    }

    /** The row of "Against the goals". */
    String measured() {
        return "**" + scanSeconds.format("%.1f") + " s** for " + Report.num(permits) + " permits (" + runs() + ")";
    }

    String goal() {
        return "< 120 s for 10,000,000, every run";
    }

    /** The section's table. */
    String table() {
        StringBuilder md = new StringBuilder();
        md.append("Loaded once (`generate_series`, ").append(loadSeconds).append(" s); ").append(runs())
                .append(", each on a fresh copy of the load (`CREATE DATABASE ... TEMPLATE`). ")
                .append("Events R19 says the first scan must emit (a SQL count on the day in China it ran): ")
                .append(Report.num(expectedEvents)).append(".\n\n");
        md.append("| run | time | events emitted | peak RSS (VmHWM, `-Xmx256m`) |\n|---|---|---|---|\n");
        md.append("| first scan | **").append(scanSeconds.format("%.1f")).append(" s** | ").append(list(events))
                .append(exact() ? " (as R19 says)" : " (**not** what R19 says)").append(" | ").append(scanRssMib.format("%.0f")).append(" MiB |\n");
        md.append("| second scan, same day | ").append(rerunSeconds.format("%.1f")).append(" s | **").append(list(rerunEvents))
                .append("** (no duplicates) | ").append(rerunRssMib.format("%.0f")).append(" MiB |\n\n");
        return md.toString();
    }

    private String runs() {
        return repeats == 1 ? "1 run" : repeats + " runs, min / median / max";
    }

    private static String list(List<Long> values) {
        return values.stream().distinct().count() == 1 ? Report.num(values.get(0))
                : String.join(" / ", values.stream().map(Report::num).toList());
    }
}

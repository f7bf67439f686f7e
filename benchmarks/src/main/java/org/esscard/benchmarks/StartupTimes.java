package org.esscard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Start-up of the suite (issue 14, item 6) as {@code benchmarks/startup.sh} measured it: each service alone and the
 * whole suite to ready, per JDK and start-up cache (none, AppCDS on 17, AOT cache on 25), each repeated; shown as
 * min / median / max ({@link Spread}) beside the goal, which is judged on JDK 25 with the AOT cache.
 */
public record StartupTimes(List<Sample> samples) {

    static final double SERVICE_GOAL_SECONDS = 2.0;
    static final double SUITE_GOAL_SECONDS = 15.0;
    static final String SUITE = "suite";
    static final String SUITE_COMMAND = "suite-command";

    /** One start: the JDK's feature version, the cache (none, appcds, aot), what started, seconds, 1-minute load. */
    public record Sample(int jdk, String cache, String what, double seconds, double load) {
    }

    /** Reads the tab-separated lines of {@code benchmarks/startup.sh}. */
    public static StartupTimes read(Path file) throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t");
            if (f.length == 5) {
                samples.add(new Sample(Integer.parseInt(f[0]), f[1], f[2], Double.parseDouble(f[3]), Double.parseDouble(f[4])));
            }
        }
        return new StartupTimes(samples);
    }

    /** The seconds of every start of {@code what} on that JDK with that cache. */
    public Spread spread(int jdk, String cache, String what) {
        return Spread.of(samples.stream().filter(s -> s.jdk() == jdk && s.cache().equals(cache) && s.what().equals(what))
                .map(Sample::seconds).toList());
    }

    /** The report's section: one column per JDK and cache, one row per service, then the suite. */
    public String markdown() {
        Map<String, Sample> columns = new LinkedHashMap<>();
        Set<String> rows = new LinkedHashSet<>();
        for (Sample s : samples) {
            columns.putIfAbsent(label(s.jdk(), s.cache()), s);
            if (!s.what().startsWith(SUITE)) {
                rows.add(s.what());
            }
        }
        rows.add(SUITE);
        rows.add(SUITE_COMMAND);
        List<String> keys = new ArrayList<>(columns.keySet());
        StringBuilder md = new StringBuilder("### Start-up: JDK 17 and JDK 25, with and without the start-up cache\n\n");
        md.append("`benchmarks/startup.sh`: every start through `./esscard up -d`, ").append(repeats())
                .append(" times each, min / median / max in seconds. A service is timed from its JVM's launch to the first 200 from ")
                .append("`/q/health/ready` (polled every 50 ms), alone (PostgreSQL and Kafka up, no other service); the suite from its ")
                .append("first JVM's launch to the last service ready, all five started at once; the whole `./esscard up -d` beside it. ")
                .append("Caches trained first (docs/STARTUP.md). Goal, on JDK 25 with the AOT cache: a service < ")
                .append(fmt(SERVICE_GOAL_SECONDS)).append(" s, the suite < ").append(fmt(SUITE_GOAL_SECONDS)).append(" s.\n\n");
        md.append("| started |");
        keys.forEach(k -> md.append(' ').append(k).append(" |"));
        md.append(" goal |\n|---|");
        keys.forEach(k -> md.append("---|"));
        md.append("---|\n");
        for (String row : rows) {
            md.append("| ").append(row.equals(SUITE) ? "**the suite**" : row.equals(SUITE_COMMAND) ? "`./esscard up -d` (suite)" : row).append(" |");
            for (String key : keys) {
                Sample column = columns.get(key);
                md.append(' ').append(spread(column.jdk(), column.cache(), row).format("%.1f")).append(" |");
            }
            md.append(' ').append(row.equals(SUITE) ? "< " + fmt(SUITE_GOAL_SECONDS) + " s" : row.equals(SUITE_COMMAND) ? "" : "< " + fmt(SERVICE_GOAL_SECONDS) + " s")
                    .append(" |\n");
        }
        md.append("\n1-minute load average during these starts: ").append(Spread.of(samples.stream().map(Sample::load).toList()).format("%.1f"))
                .append(".\n\n");
        return md.toString();
    }

    private int repeats() {
        return (int) samples.stream().filter(s -> s.what().equals(SUITE)).count() / Math.max(1, (int) samples.stream()
                .filter(s -> s.what().equals(SUITE)).map(s -> label(s.jdk(), s.cache())).distinct().count());
    }

    private static String label(int jdk, String cache) {
        return "JDK " + jdk + (cache.equals("none") ? " no cache" : cache.equals("aot") ? " AOT cache" : " AppCDS");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }
}

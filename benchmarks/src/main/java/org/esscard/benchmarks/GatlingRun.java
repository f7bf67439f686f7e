package org.esscard.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Runs one Gatling simulation in this JVM and reads its global figures back from the HTML report's data. */
public final class GatlingRun {

    /** The global figures of one run; latencies in milliseconds. */
    public record Result(String name, long ok, long ko, double meanRps, long p50, long p95, long p99, long max, Path report) {
        public double errorRate() {
            return ok + ko == 0 ? 0 : (double) ko / (ok + ko);
        }
    }

    private GatlingRun() {
    }

    /**
     * @param simulation the simulation class
     * @param properties its {@code bench.*} system properties
     * @param results    the folder the report goes in (one subfolder per run)
     * @param report     whether to write the HTML report (a warm-up needs none)
     */
    public static Result run(Class<?> simulation, Map<String, String> properties, Path results, String description, boolean report) {
        properties.forEach(System::setProperty);
        try {
            Files.createDirectories(results);
            long before = System.currentTimeMillis();
            String[] args = report
                    ? new String[] { "--simulation", simulation.getName(), "--results-folder", results.toString(), "--run-description", description }
                    : new String[] { "--simulation", simulation.getName(), "--results-folder", results.toString(), "--no-reports" };
            int status = io.gatling.app.Gatling$.MODULE$.fromArgs(args);
            if (!report) {
                return null;
            }
            Path dir = latestReport(results, simulation, before);
            Result result = read(description, dir);
            if (status != 0 && result.ok() == 0) {
                throw new IllegalStateException("Gatling run of " + simulation.getSimpleName() + " failed (status " + status + "), see " + dir);
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    private static Path latestReport(Path results, Class<?> simulation, long notBefore) throws IOException {
        String prefix = simulation.getSimpleName().toLowerCase();
        try (Stream<Path> dirs = Files.list(results)) {
            return dirs.filter(d -> d.getFileName().toString().toLowerCase().startsWith(prefix))
                    .filter(d -> d.toFile().lastModified() >= notBefore - 1000)
                    .max(Comparator.comparingLong(d -> d.toFile().lastModified()))
                    .orElseThrow(() -> new IllegalStateException("no Gatling report for " + prefix + " in " + results));
        }
    }

    /** Reads the "All Requests" row of the report's statistics table (Gatling 3.15 writes it into index.html). */
    static Result read(String name, Path report) throws IOException {
        String html = Files.readString(report.resolve("index.html"));
        int row = html.indexOf("<tr id=\"ROOT\"");
        if (row < 0) {
            throw new IllegalStateException("no statistics table in " + report.resolve("index.html"));
        }
        String root = html.substring(row, html.indexOf("</tr>", row));
        Map<Integer, String> cells = new java.util.HashMap<>();
        Matcher m = Pattern.compile("class=\"value (?:total|ok|ko) col-(\\d+)\">([^<]*)<").matcher(root);
        while (m.find()) {
            cells.put(Integer.parseInt(m.group(1)), m.group(2).trim().replace(",", ""));
        }
        return new Result(name, number(cells, 3), number(cells, 4), decimal(cells, 6), number(cells, 8), number(cells, 10),
                number(cells, 11), number(cells, 12), report);
    }

    private static long number(Map<Integer, String> cells, int column) {
        return Math.round(decimal(cells, column));
    }

    private static double decimal(Map<Integer, String> cells, int column) {
        String value = cells.get(column);
        if (value == null) {
            throw new IllegalStateException("no column " + column + " in the Gatling statistics");
        }
        return value.isEmpty() || value.equals("-") ? 0 : Double.parseDouble(value);
    }
}

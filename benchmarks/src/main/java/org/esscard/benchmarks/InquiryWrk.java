package org.esscard.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The permit inquiry under wrk (closed model: {@code connections} keep-alive connections, each sending its next request
 * when the last is answered), with an honest token load: {@code tokens} distinct holder tokens, minted before the step
 * starts (so minting costs nothing during it), each used at most {@code maxUses} times (a phone does a few calls per
 * step-up): a wrk thread stops once its share of tokens is spent. wrk runs on this machine; its own CPU is read from
 * the shell that waited for it ({@code /proc/<shell>/stat}, children's user + system time), so the report shows it
 * beside the service's and PostgreSQL's. Gatling in-process at thousands of requests a second costs more CPU than the
 * service it measures; wrk, written in C, a fraction.
 */
public final class InquiryWrk {

    /** One step: what wrk saw and what it cost. */
    public record Step(int connections, long requests, double seconds, double rps, double p50Ms, double p99Ms, double maxMs,
            long non2xx, long socketErrors, double wrkCpuMs, int maxUsesPerToken) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d conns: %.0f req/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms, %d non-2xx,"
                    + " %d socket errors, wrk CPU %.3f ms/req, ≤ %d uses per token", connections, rps, p50Ms, p99Ms, maxMs,
                    non2xx, socketErrors, requests == 0 ? 0 : wrkCpuMs / requests, maxUsesPerToken);
        }
    }

    private static final String SCRIPT = """
            -- one token list per run, each token used at most max_uses times; a thread stops when its share is spent
            local tokens_file, max_uses = "%s", %d
            local threads = {}
            function setup(thread)
              thread:set("id", #threads)
              table.insert(threads, thread)
            end
            function init(args)
              tokens = {}
              local n = 0
              for line in io.lines(tokens_file) do
                if n %% %d == id then table.insert(tokens, line) end
                n = n + 1
              end
              budget = #tokens * max_uses
              sent, answered, i = 0, 0, 0
            end
            function request()
              i = i %% #tokens + 1
              sent = sent + 1
              return wrk.format("GET", "/api/permits/mine", { ["Authorization"] = "Bearer " .. tokens[i], ["Accept"] = "application/json" })
            end
            function response(status, headers, body)
              answered = answered + 1
              if answered >= budget then wrk.thread:stop() end
            end
            function done(summary, latency, requests)
              io.write(string.format("RESULT requests=%%d duration_us=%%d p50_us=%%d p99_us=%%d max_us=%%d non2xx=%%d errors=%%d\\n",
                summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
                summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
            end
            """;

    private static final Pattern RESULT = Pattern.compile(
            "RESULT requests=(\\d+) duration_us=(\\d+) p50_us=(\\d+) p99_us=(\\d+) max_us=(\\d+) non2xx=(\\d+) errors=(\\d+)");
    private static final Pattern CHILD_CPU = Pattern.compile("CHILDCPU (\\d+) (\\d+)");

    private InquiryWrk() {
    }

    /** Whether wrk is installed (benchmarks/run.sh installs the Debian package where it can). */
    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/wrk")) || Files.isExecutable(Path.of("/usr/local/bin/wrk"));
    }

    /**
     * {@code count} holder tokens, one line each, for {@code permits} in turn: minted in parallel, before any step, with
     * ACCP's ES256 where it loads (20,000 tokens take seconds instead of a minute with SunEC on a loaded machine).
     */
    public static Path mintTokens(Tokens tokens, List<String> permits, int count, Path file) throws IOException {
        fastSigning();
        List<String> lines = IntStream.range(0, count).parallel().mapToObj(i -> tokens.holder(permits.get(i % permits.size())))
                .toList();
        Files.createDirectories(file.getParent());
        Files.write(file, lines, StandardCharsets.US_ASCII);
        return file;
    }

    private static synchronized void fastSigning() {
        try {
            Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider").getMethod("install").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            // SunEC then: slower minting, same tokens
        }
    }

    /** One step of {@code seconds} at most over {@code connections} connections with 2 wrk threads. */
    public static Step run(String baseUrl, Path tokenFile, int tokenCount, int maxUses, int connections, int seconds, Path work)
            throws IOException, InterruptedException {
        int threads = Math.min(2, connections);
        Path script = work.resolve("inquiry-" + connections + ".lua");
        Files.createDirectories(work);
        Files.writeString(script, String.format(Locale.ROOT, SCRIPT, tokenFile.toAbsolutePath(), maxUses, threads));
        String command = String.format(Locale.ROOT,
                "wrk -t%d -c%d -d%ds --timeout 5s -s %s %s/api/permits/mine; set -- $(cut -d' ' -f16,17 /proc/$$/stat); echo CHILDCPU $1 $2",
                threads, connections, seconds, script, baseUrl);
        Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("wrk did not finish");
        }
        Matcher m = RESULT.matcher(output);
        Matcher cpu = CHILD_CPU.matcher(output);
        if (!m.find() || !cpu.find()) {
            throw new IllegalStateException("wrk gave no result:\n" + output);
        }
        long requests = Long.parseLong(m.group(1));
        double duration = Long.parseLong(m.group(2)) / 1e6;
        double ticks = Long.parseLong(cpu.group(1)) + Long.parseLong(cpu.group(2));
        double wrkCpuMs = ticks * 10.0; // USER_HZ is 100 on Linux
        int maxUsesSeen = (int) Math.ceil(requests / (double) tokenCount);
        return new Step(connections, requests, duration, requests / duration, Long.parseLong(m.group(3)) / 1000.0,
                Long.parseLong(m.group(4)) / 1000.0, Long.parseLong(m.group(5)) / 1000.0, Long.parseLong(m.group(6)),
                Long.parseLong(m.group(7)), wrkCpuMs, maxUsesSeen);
    }

    /** A step with the service's and PostgreSQL's CPU per request read around it. */
    public record Measured(Step step, double serviceCpuMs, double postgresCpuMs, String loadAverage) {

        @Override
        public String toString() {
            long n = Math.max(1, step.requests());
            return String.format(Locale.ROOT, "%s; CPU per request: service %.3f ms, PostgreSQL %.3f ms; load %s", step,
                    serviceCpuMs / n, postgresCpuMs / n, loadAverage);
        }
    }

    /** {@link #run} with the CPU of {@code servicePid} and of PostgreSQL over the step. */
    public static Measured measure(long servicePid, String baseUrl, Path tokenFile, int tokenCount, int maxUses, int connections,
            int seconds, Path work) throws IOException, InterruptedException {
        double service = ProcessCpu.millis(servicePid);
        double postgres = ProcessCpu.postgresMillis();
        Step step = run(baseUrl, tokenFile, tokenCount, maxUses, connections, seconds, work);
        return new Measured(step, ProcessCpu.millis(servicePid) - service, ProcessCpu.postgresMillis() - postgres,
                Machine.loadAverage());
    }

    /** The wrk ladder of one run: each connection count {@code repeats} times, and PostgreSQL's own limit beside it. */
    public record Ladder(int tokens, int seconds, List<Integer> connections, List<List<Measured>> steps, List<Double> pgbenchTps) {
    }

    /** Connection counts of the full run's wrk ladder (closed model); the smoke runs the first only, briefly. */
    static final List<Integer> CONNECTIONS = List.of(16, 64, 256);

    /**
     * The inquiry under wrk for the harness: per connection count, {@link Plan#repeats()} runs, each with its own freshly
     * minted token file ({@code 20,000} tokens in the full run, at most 5 uses each), then {@code pgbench -S} as often.
     */
    public static Ladder ladder(Target target, Plan plan, List<String> permits, Path work) throws Exception {
        int count = plan.smoke() ? 200 : 20_000;
        int seconds = plan.smoke() ? 2 : 10;
        List<Integer> connections = plan.smoke() ? CONNECTIONS.subList(0, 1) : CONNECTIONS;
        Tokens tokens = new Tokens(target.tokenKey(), target.tokenKeyId());
        long pid = target.pids().get("permit-service");
        List<List<Measured>> steps = new ArrayList<>();
        for (int c : connections) {
            List<Measured> runs = new ArrayList<>();
            for (int i = 0; i < plan.repeats(); i++) {
                Path file = mintTokens(tokens, permits, count, work.resolve("wrk/tokens-" + c + "-" + i + ".txt"));
                Measured m = measure(pid, target.permitUrl(), file, count, 5, c, seconds, work.resolve("wrk"));
                System.out.println("    wrk " + m);
                runs.add(m);
            }
            steps.add(runs);
        }
        List<Double> tps = new ArrayList<>();
        for (int i = 0; i < plan.repeats() && !plan.smoke(); i++) {
            tps.add(pgbenchSelect(work));
        }
        return new Ladder(count, seconds, connections, steps, tps);
    }

    /** PostgreSQL's own primary-key read rate on this machine now: {@code pgbench -S -M prepared -c 4 -j 2}, 10 s. */
    static double pgbenchSelect(Path work) throws IOException, InterruptedException {
        String db = "esscard_bench_pgbench";
        String command = "psql -q -h 127.0.0.1 -U postgres -c 'create database " + db + "' >/dev/null 2>&1;"
                + " pgbench -q -i -h 127.0.0.1 -U postgres " + db + " >/dev/null 2>&1;"
                + " pgbench -S -M prepared -c 4 -j 2 -T 10 -h 127.0.0.1 -U postgres " + db + " 2>&1";
        Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(120, TimeUnit.SECONDS);
        Matcher m = Pattern.compile("tps = ([0-9.]+)").matcher(output);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** The report's table of the wrk ladder, min / median / max over the run's repeats. */
    public static String markdown(Ladder ladder) {
        StringBuilder md = new StringBuilder();
        md.append("#### The same under wrk: ").append(String.format(Locale.ROOT, "%,d", ladder.tokens()))
                .append(" distinct tokens minted before each run, none used more than 5 times, ").append(ladder.seconds())
                .append(" s at most per run (closed model)\n\n");
        md.append("| connections | req/s | p50 | p99 | CPU per request: service | PostgreSQL | wrk | load average |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < ladder.connections().size(); i++) {
            List<Measured> runs = ladder.steps().get(i);
            md.append("| ").append(ladder.connections().get(i))
                    .append(" | ").append(Spread.of(runs, m -> m.step().rps()).format("%.0f"))
                    .append(" | ").append(Spread.of(runs, m -> m.step().p50Ms()).format("%.1f")).append(" ms")
                    .append(" | ").append(Spread.of(runs, m -> m.step().p99Ms()).format("%.1f")).append(" ms")
                    .append(" | ").append(Spread.of(runs, m -> m.serviceCpuMs() / Math.max(1, m.step().requests())).format("%.3f")).append(" ms")
                    .append(" | ").append(Spread.of(runs, m -> m.postgresCpuMs() / Math.max(1, m.step().requests())).format("%.3f")).append(" ms")
                    .append(" | ").append(Spread.of(runs, m -> m.step().wrkCpuMs() / Math.max(1, m.step().requests())).format("%.3f")).append(" ms")
                    .append(" | ").append(runs.isEmpty() ? "—" : runs.get(runs.size() - 1).loadAverage()).append(" |\n");
        }
        if (!ladder.pgbenchTps().isEmpty()) {
            md.append("\nPostgreSQL's own primary-key read rate in the same run (`pgbench -S -M prepared -c 4 -j 2`): **")
                    .append(Spread.of(ladder.pgbenchTps()).format("%.0f")).append(" tps**.\n");
        }
        return md.append("\n").toString();
    }

    /**
     * Standalone: {@code InquiryWrk <permit-url> <service-pid> <key.pem> <kid> <permits-file> <tokens> <seconds> <repeats> <conns,...>}
     * mints the tokens, then runs each connection count {@code repeats} times with a fresh token file each time.
     */
    public static void main(String[] args) throws Exception {
        String url = args[0];
        long pid = Long.parseLong(args[1]);
        Tokens tokens = new Tokens(Path.of(args[2]), args[3]);
        List<String> permits = Files.readAllLines(Path.of(args[4])).stream().filter(s -> !s.isBlank()).toList();
        int count = Integer.parseInt(args[5]);
        int seconds = Integer.parseInt(args[6]);
        int repeats = Integer.parseInt(args[7]);
        Path work = Files.createTempDirectory("inquiry-wrk");
        for (String c : args[8].split(",")) {
            int connections = Integer.parseInt(c);
            List<Measured> runs = new ArrayList<>();
            for (int i = 0; i < repeats; i++) {
                Path file = mintTokens(tokens, permits, count, work.resolve("tokens-" + connections + "-" + i + ".txt"));
                Measured measured = measure(pid, url, file, count, 5, connections, seconds, work);
                System.out.println("  " + measured);
                runs.add(measured);
            }
            System.out.printf(Locale.ROOT, "%d conns over %d runs: req/s %s, p50 %s ms, p99 %s ms, service %s ms/req, PostgreSQL %s ms/req, wrk %s ms/req%n",
                    connections, repeats, Spread.of(runs, m -> m.step().rps()).format("%.0f"),
                    Spread.of(runs, m -> m.step().p50Ms()).format("%.2f"), Spread.of(runs, m -> m.step().p99Ms()).format("%.2f"),
                    Spread.of(runs, m -> m.serviceCpuMs() / Math.max(1, m.step().requests())).format("%.3f"),
                    Spread.of(runs, m -> m.postgresCpuMs() / Math.max(1, m.step().requests())).format("%.3f"),
                    Spread.of(runs, m -> m.step().wrkCpuMs() / Math.max(1, m.step().requests())).format("%.3f"));
        }
    }
}

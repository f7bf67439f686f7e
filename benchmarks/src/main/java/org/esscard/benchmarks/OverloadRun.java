package org.esscard.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

/**
 * The overload test of issue 14 (item 4): {@code GET /api/permits/mine} with 4× the connections that saturate it, in a
 * closed model (each connection sends its next request when the last is answered: wrk), then the service right after.
 *
 * <ol>
 * <li>a ladder of connections (1, 2, 4, …) finds the peak served rate and the fewest connections that reach it;</li>
 * <li>each repeat: a step at those connections (the peak of this repeat), the overload at 4× (or
 * {@code -Dbench.overload.connections=256,1024,x4}, x4 being 4× the saturating count) with a probe beside it that times refused and served answers apart
 * (wrk's Lua cannot tell which request a time belongs to), then {@code /q/health/ready} and the step again.</li>
 * </ol>
 * wrk runs on the same machine; its CPU is reported beside the service's. Missing, it is installed with apt-get
 * (as root), as the gateway's nginx is.
 */
public final class OverloadRun {

    /** Served under overload ÷ peak, at least. */
    public static final double SERVED_GOAL = 0.90;
    /** A refused answer's p99 below this. */
    public static final long REFUSED_GOAL_MS = 50;
    /** No request waits longer than this. */
    public static final long LONGEST_GOAL_MS = 1_000;

    private static final String PATH = "/api/permits/mine";

    /** One wrk run: answers by status, latency over all of them (ms), the CPU wrk and the service used. */
    public record Step(String name, int connections, double seconds, long ok, long refused, long other, long socketErrors,
            long timeouts, double p50, double p99, double max, double wrkCpuMs, double serviceCpuMs) {
        public double servedPerSecond() {
            return ok / seconds;
        }

        public double refusedPerSecond() {
            return refused / seconds;
        }
    }

    /** What a client beside the overload saw: refused and served answers timed apart (ms), and the health probe. */
    public record Probe(List<Double> refusedMs, List<Double> servedMs, long otherAnswers, List<Integer> healthStatuses) {
        public double refusedP99() {
            return percentile(refusedMs, 0.99);
        }

        public double refusedMax() {
            return percentile(refusedMs, 1.0);
        }

        public double servedP99() {
            return percentile(servedMs, 0.99);
        }

        public boolean healthAlways200() {
            return !healthStatuses.isEmpty() && healthStatuses.stream().allMatch(s -> s == 200);
        }
    }

    /** One repeat: the peak step, the overload with its probe, health right after (status, ms), and the step again. */
    public record Repeat(Step peak, Step overload, Probe probe, int healthAfter, double healthAfterMs, Step after) {
        public double servedShare() {
            return overload.servedPerSecond() / Math.max(1e-9, peak.servedPerSecond());
        }

        /** The step after is as fast as the peak step: p99 within 1.5× (or 5 ms) of it. */
        public boolean backToNormal() {
            return healthAfter == 200 && after.p99() <= Math.max(1.5 * peak.p99(), peak.p99() + 5);
        }
    }

    public record Result(List<Step> ladder, int saturating, List<Repeat> repeats, String wrkVersion) {
        public Step best() {
            return ladder.stream().max((a, b) -> Double.compare(a.servedPerSecond(), b.servedPerSecond())).orElseThrow();
        }
    }

    private record Sizes(List<Integer> ladder, int ladderSeconds, int stepSeconds, int overloadSeconds, int tokens) {
    }

    private OverloadRun() {
    }

    public static Result run(Target target, Plan plan, Path work, String runId) throws Exception {
        Sizes sizes = plan.smoke() ? new Sizes(List.of(1, 2), 1, 1, 2, 40)
                : new Sizes(List.of(1, 2, 4, 8, 16, 32, 64, 128), 8, 10, 30, 10_000);
        String wrk = ensureWrk();
        Files.createDirectories(work);
        Path script = work.resolve("overload.lua");
        Files.writeString(script, LUA);
        List<String> permits = Seed.permits(target, "O" + runId, plan.inquiryPermits());
        Tokens tokens = new Tokens(target.tokenKey(), target.tokenKeyId());
        long pid = target.pids().get("permit-service");
        String url = target.permitUrl() + PATH;

        Path tokenFile = mint(tokens, permits, sizes.tokens(), work.resolve("overload-tokens.txt"));
        List<Step> ladder = new ArrayList<>();
        for (int c : sizes.ladder()) {
            Step step = wrk(wrk, script, url, tokenFile, "ladder " + c, c, sizes.ladderSeconds(), pid);
            ladder.add(step);
            System.out.printf("    ladder %4d connections: %s%n", c, describe(step));
            if (step.p99() > LONGEST_GOAL_MS) {
                break;
            }
        }
        double peak = ladder.stream().mapToDouble(Step::servedPerSecond).max().orElse(0);
        int saturating = ladder.stream().filter(s -> s.servedPerSecond() >= 0.95 * peak).mapToInt(Step::connections).min().orElse(1);
        List<Integer> overloads = new ArrayList<>();
        String fixed = System.getProperty("bench.overload.connections");
        if (fixed != null && !fixed.isBlank()) {
            for (String c : fixed.split(",")) {
                overloads.add(c.trim().equals("x4") ? 4 * saturating : Integer.parseInt(c.trim()));
            }
        } else {
            overloads.add(4 * saturating);
        }
        System.out.printf("    saturating at %d connections (%.0f req/s); overload at %s connections%n", saturating, peak, overloads);

        List<Repeat> repeats = new ArrayList<>();
        // -Dbench.overload.repeats=1 for a quick look (BenchmarkRun --only overload); the report's run repeats as the plan says
        int repeatCount = Integer.getInteger("bench.overload.repeats", plan.repeats());
        for (int i = 0; i < repeatCount; i++) {
            for (int c : overloads) {
                // tokens live 5 minutes: fresh ones for each repeat, minted before its steps
                tokenFile = mint(tokens, permits, sizes.tokens(), work.resolve("overload-tokens.txt"));
                Step before = wrk(wrk, script, url, tokenFile, "peak", saturating, sizes.stepSeconds(), pid);
                Prober prober = new Prober(target, tokens, permits);
                Step overload;
                Probe probe;
                try (prober) {
                    prober.start();
                    overload = wrk(wrk, script, url, tokenFile, "overload " + c, c, sizes.overloadSeconds(), pid);
                    probe = prober.finish();
                }
                long t0 = System.nanoTime();
                int health = Http.status(target.permitUrl() + "/q/health/ready");
                double healthMs = (System.nanoTime() - t0) / 1e6;
                Step after = wrk(wrk, script, url, tokenFile, "after", saturating, sizes.stepSeconds(), pid);
                Repeat repeat = new Repeat(before, overload, probe, health, healthMs, after);
                repeats.add(repeat);
                System.out.printf("    repeat %d: peak %s%n    overload %s; served %.0f %% of peak; refused p99 %.1f ms (probe, %d); health %s%n"
                        + "    after: ready %d in %.0f ms; %s%n", i + 1, describe(before), describe(overload), 100 * repeat.servedShare(),
                        probe.refusedP99(), probe.refusedMs().size(), probe.healthStatuses(), health, healthMs, describe(after));
            }
        }
        return new Result(ladder, saturating, repeats, version(wrk));
    }

    static String describe(Step s) {
        return String.format(Locale.ROOT, "%d conn: %.0f served/s, %.0f refused/s, %d other, %d socket errors, %d timeouts; p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                + " CPU wrk %.0f ms, service %.0f ms", s.connections(), s.servedPerSecond(), s.refusedPerSecond(), s.other(), s.socketErrors(),
                s.timeouts(), s.p50(), s.p99(), s.max(), s.wrkCpuMs(), s.serviceCpuMs());
    }

    /** {@code count} distinct holder tokens over the permits, one a line. */
    private static Path mint(Tokens tokens, List<String> permits, int count, Path file) throws IOException {
        List<String> minted = IntStream.range(0, count).parallel().mapToObj(i -> tokens.holder(permits.get(i % permits.size()))).toList();
        Files.write(file, minted);
        return file;
    }

    private static Step wrk(String wrk, Path script, String url, Path tokenFile, String name, int connections, int seconds, long servicePid)
            throws Exception {
        int threads = Math.min(2, connections);
        // bash waits for wrk, then reads its own children's CPU (cutime + cstime of /proc/$$/stat): wrk's CPU, exactly
        List<String> command = List.of("bash", "-c", "\"$@\"; read -r s < /proc/$$/stat; echo \"CHILDCPU ${s##*) }\"", "bash",
                wrk, "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--timeout", "10s", "-s", script.toString(), url, "--",
                tokenFile.toString());
        double serviceBefore = ProcessCpu.millis(servicePid);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, String> result = new LinkedHashMap<>();
        double wrkCpu = -1;
        StringBuilder out = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null;) {
                out.append(line).append('\n');
                if (line.startsWith("RESULT ")) {
                    for (String pair : line.substring(7).trim().split(" ")) {
                        result.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                    }
                } else if (line.startsWith("CHILDCPU ")) {
                    String[] f = line.substring(9).trim().split(" ");
                    // after "pid (comm) ": state is field 0 here, cutime and cstime fields 13 and 14
                    wrkCpu = (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 10.0;
                }
            }
        }
        if (p.waitFor() != 0 || !result.containsKey("ok")) {
            throw new IllegalStateException("wrk failed (" + p.exitValue() + "): " + out);
        }
        double serviceCpu = ProcessCpu.millis(servicePid) - serviceBefore;
        double duration = Long.parseLong(result.get("duration_us")) / 1e6;
        return new Step(name, connections, duration, Long.parseLong(result.get("ok")), Long.parseLong(result.get("refused")),
                Long.parseLong(result.get("other")), Long.parseLong(result.get("connect")) + Long.parseLong(result.get("read"))
                        + Long.parseLong(result.get("write")), Long.parseLong(result.get("timeout")),
                Long.parseLong(result.get("p50_us")) / 1000.0, Long.parseLong(result.get("p99_us")) / 1000.0,
                Long.parseLong(result.get("max_us")) / 1000.0, wrkCpu, serviceCpu);
    }

    /** wrk on the PATH, installed with apt-get when missing and this is root (as deploy/local/gateway.sh installs nginx). */
    static String ensureWrk() throws Exception {
        if (onPath("wrk")) {
            return "wrk";
        }
        if ("root".equals(System.getProperty("user.name")) && onPath("apt-get")) {
            System.out.println("    wrk is not installed: installing Debian's wrk with apt-get (one time)");
            String install = "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 || "
                    + "{ apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }";
            new ProcessBuilder("bash", "-c", install).inheritIO().start().waitFor();
        }
        if (!onPath("wrk")) {
            throw new IllegalStateException("the overload test needs wrk: sudo apt-get install -y wrk");
        }
        return "wrk";
    }

    private static boolean onPath(String program) throws Exception {
        return new ProcessBuilder("bash", "-c", "command -v " + program + " >/dev/null").start().waitFor() == 0;
    }

    private static String version(String wrk) {
        try {
            Process p = new ProcessBuilder(wrk, "-v").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return text.lines().findFirst().orElse("wrk").split(" \\[")[0].trim();
        } catch (Exception e) {
            return "wrk";
        }
    }

    static double percentile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank)));
    }

    /**
     * A client beside the overload, on connections of its own: 2 threads, each a request every 50 ms, timed by status;
     * and the readiness probe every 500 ms, as Kubernetes would call it.
     */
    private static final class Prober implements AutoCloseable {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        private final Target target;
        private final List<String> tokens = new ArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Double> refused = Collections.synchronizedList(new ArrayList<>());
        private final List<Double> served = Collections.synchronizedList(new ArrayList<>());
        private final List<Integer> health = Collections.synchronizedList(new ArrayList<>());
        private final long[] other = new long[1];
        private final List<Thread> threads = new ArrayList<>();

        Prober(Target target, Tokens minter, List<String> permits) {
            this.target = target;
            for (int i = 0; i < 50; i++) {
                tokens.add(minter.holder(permits.get(i % permits.size())));
            }
        }

        void start() {
            for (int t = 0; t < 2; t++) {
                int offset = t;
                threads.add(daemon(() -> inquire(offset)));
            }
            threads.add(daemon(this::probeHealth));
        }

        private static Thread daemon(Runnable task) {
            Thread thread = new Thread(task, "overload-probe");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        private void inquire(int offset) {
            int i = offset;
            while (running.get()) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(target.permitUrl() + PATH)).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + tokens.get(i++ % tokens.size())).GET().build();
                long t0 = System.nanoTime();
                try {
                    int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (status == 503) {
                        refused.add(ms);
                    } else if (status == 200) {
                        served.add(ms);
                    } else {
                        synchronized (other) {
                            other[0]++;
                        }
                    }
                } catch (IOException e) {
                    synchronized (other) {
                        other[0]++;
                    }
                } catch (InterruptedException e) {
                    return;
                }
                sleep(50);
            }
        }

        private void probeHealth() {
            while (running.get()) {
                health.add(Http.status(target.permitUrl() + "/q/health/ready"));
                sleep(500);
            }
        }

        private static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        Probe finish() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(35_000);
            }
            synchronized (other) {
                return new Probe(List.copyOf(refused), List.copyOf(served), other[0], List.copyOf(health));
            }
        }

        @Override
        public void close() {
            running.set(false);
        }
    }

    /** The report's part: the ladder, then each figure over the repeats (min / median / max) beside its goal. */
    public static String markdown(Result r, String plotPath) {
        StringBuilder md = new StringBuilder();
        md.append("### Overload (issue 14): `GET /api/permits/mine` at 4× the connections that saturate it\n\n");
        md.append("Closed model with ").append(r.wrkVersion()).append(" (each connection sends its next request when the last is answered, ")
                .append("`--timeout 10s`), rotating over freshly minted holder tokens; on the same machine, its CPU beside the service's. ")
                .append("A probe beside the overload (2 clients, a request every 50 ms each, own connections) times refused and served answers apart, ")
                .append("and calls `/q/health/ready` every 500 ms.\n\n");
        md.append("| connections | served req/s | refused req/s | p50 | p99 | max |\n|---|---|---|---|---|---|\n");
        for (Step s : r.ladder()) {
            md.append(String.format(Locale.ROOT, "| %d%s | %,.0f | %,.0f | %.1f ms | %.1f ms | %.1f ms |%n", s.connections(),
                    s.connections() == r.saturating() ? " (saturates)" : "", s.servedPerSecond(), s.refusedPerSecond(), s.p50(), s.p99(), s.max()));
        }
        List<Repeat> reps = r.repeats();
        md.append("\n| figure (min / median / max of ").append(reps.size()).append(") | measured | goal | |\n|---|---|---|---|\n");
        Spread peak = Spread.of(reps, x -> x.peak().servedPerSecond());
        Spread served = Spread.of(reps, x -> x.overload().servedPerSecond());
        Spread share = Spread.of(reps, Repeat::servedShare);
        Spread refusedP99 = Spread.of(reps, x -> x.probe().refusedP99());
        Spread longest = Spread.of(reps, x -> x.overload().max());
        Spread timeouts = Spread.of(reps, x -> x.overload().timeouts() + x.overload().socketErrors());
        int connections = reps.isEmpty() ? 0 : reps.get(0).overload().connections();
        md.append(row("peak: served at " + r.saturating() + " connections", peak.format("%,.0f") + " req/s", "", null));
        md.append(row("served under overload (" + connections + " connections)", served.format("%,.0f") + " req/s = **"
                + Spread.of(reps, x -> 100 * x.servedShare()).format("%.0f") + " %** of peak", "≥ 90 % of peak", share.min() >= SERVED_GOAL));
        md.append(row("refused under overload", Spread.of(reps, x -> x.overload().refusedPerSecond()).format("%,.0f") + " req/s (503 SERVICE_OVERLOADED)", "", null));
        md.append(row("refused answer's latency (probe p99)", "**" + refusedP99.format("%.1f") + " ms** (max "
                + Spread.of(reps, x -> x.probe().refusedMax()).format("%.1f") + " ms)", "< 50 ms", refusedP99.max() < REFUSED_GOAL_MS));
        md.append(row("longest wait of any request (wrk max)", "**" + longest.format("%,.0f") + " ms**; timed out (> 10 s) or reset: "
                + timeouts.format("%.0f"), "≤ 1 s", longest.max() <= LONGEST_GOAL_MS && timeouts.max() == 0));
        md.append(row("health during the overload", reps.stream().allMatch(x -> x.probe().healthAlways200()) ? "every `/q/health/ready` 200" : "**not always 200**",
                "never refused", reps.stream().allMatch(x -> x.probe().healthAlways200())));
        md.append(row("right after: p99 at " + r.saturating() + " connections", Spread.of(reps, x -> x.after().p99()).format("%.1f")
                + " ms (before the overload " + Spread.of(reps, x -> x.peak().p99()).format("%.1f") + " ms); ready in "
                + Spread.of(reps, Repeat::healthAfterMs).format("%.0f") + " ms", "p99 back (≤ 1.5× before)", reps.stream().allMatch(Repeat::backToNormal)));
        md.append(row("CPU under overload: wrk / service", Spread.of(reps, x -> x.overload().wrkCpuMs() / 1000 / x.overload().seconds()).format("%.2f")
                + " / " + Spread.of(reps, x -> x.overload().serviceCpuMs() / 1000 / x.overload().seconds()).format("%.2f") + " cores", "", null));
        md.append("\n![overload](").append(plotPath).append(")\n\n");
        return md.toString();
    }

    private static String row(String figure, String measured, String goal, Boolean met) {
        return "| " + figure + " | " + measured + " | " + goal + " | " + (met == null ? "" : met ? "met" : "**missed**") + " |\n";
    }

    /** Served and refused req/s of the ladder and of the first repeat's three steps, with their max latency: bars, no library. */
    public static String plot(Result r) {
        List<Step> steps = new ArrayList<>(r.ladder());
        if (!r.repeats().isEmpty()) {
            Repeat first = r.repeats().get(0);
            steps.addAll(List.of(first.peak(), first.overload(), first.after()));
        }
        int w = 760;
        int h = 340;
        int left = 60;
        int top = 30;
        int ph = h - top - 70;
        int pw = w - left - 60;
        double maxRate = Math.max(1, steps.stream().mapToDouble(s -> s.servedPerSecond() + s.refusedPerSecond()).max().orElse(1) * 1.05);
        double maxMs = Math.max(LONGEST_GOAL_MS * 1.2, steps.stream().mapToDouble(Step::max).max().orElse(1) * 1.05);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n", w, h));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" text-anchor=\"middle\" font-size=\"13\">GET %s: served (grey) and refused (orange) req/s; "
                + "longest wait (red dot, right axis)</text>%n", w / 2, PATH));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n", left, top, pw, ph));
        double goalY = top + ph - LONGEST_GOAL_MS / maxMs * ph;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#c22\" stroke-dasharray=\"4 3\"/>"
                + "<text x=\"%d\" y=\"%.1f\" fill=\"#c22\" text-anchor=\"end\">1 s</text>%n", left, left + pw, goalY, goalY, left + pw - 4, goalY - 3));
        for (int i = 0; i <= 4; i++) {
            double y = top + ph - ph * i / 4.0;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f</text><text x=\"%d\" y=\"%.1f\">%.0f ms</text>%n",
                    left - 4, y + 4, maxRate * i / 4, left + pw + 4, y + 4, maxMs * i / 4));
        }
        double slot = pw / (double) steps.size();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            double x = left + i * slot + slot * 0.15;
            double bw = slot * 0.7;
            double servedH = s.servedPerSecond() / maxRate * ph;
            double refusedH = s.refusedPerSecond() / maxRate * ph;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#888\"/>%n", x, top + ph - servedH, bw, servedH));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#f90\"/>%n", x, top + ph - servedH - refusedH, bw, refusedH));
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#c22\"/>%n", x + bw / 2, top + ph - Math.min(s.max(), maxMs) / maxMs * ph));
            String label = s.name().startsWith("ladder") ? String.valueOf(s.connections()) : s.name().split(" ")[0] + " " + s.connections();
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"end\" transform=\"rotate(-40 %.1f %d)\">%s</text>%n",
                    x + bw / 2, top + ph + 14, x + bw / 2, top + ph + 14, label));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">connections (ladder, then the first repeat: peak, overload, after)</text>%n",
                left + pw / 2, h - 6));
        return svg.append("</svg>\n").toString();
    }

    /** One Lua state per wrk thread: rotates the tokens, counts answers by status, and prints one RESULT line at the end. */
    private static final String LUA = """
            local threads = {}
            function setup(thread)
              thread:set("id", #threads)
              table.insert(threads, thread)
            end
            function init(args)
              tokens = {}
              for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
              counter = id * 7919
              ok = 0
              refused = 0
              other = 0
            end
            function request()
              counter = counter + 1
              return wrk.format("GET", wrk.path, { ["Authorization"] = "Bearer " .. tokens[(counter % #tokens) + 1], ["Accept"] = "application/json" })
            end
            function response(status, headers, body)
              if status == 200 then ok = ok + 1 elseif status == 503 then refused = refused + 1 else other = other + 1 end
            end
            function done(summary, latency, requests)
              local o, r, x = 0, 0, 0
              for _, t in ipairs(threads) do
                o = o + t:get("ok")
                r = r + t:get("refused")
                x = x + t:get("other")
              end
              local e = summary.errors
              io.write(string.format("RESULT ok=%d refused=%d other=%d requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d connect=%d read=%d write=%d timeout=%d\\n",
                o, r, x, summary.requests, summary.duration, math.floor(latency:percentile(50)), math.floor(latency:percentile(99)), math.floor(latency.max),
                e.connect, e.read, e.write, e.timeout))
            end
            """;
}

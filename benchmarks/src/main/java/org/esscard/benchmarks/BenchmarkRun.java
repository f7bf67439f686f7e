package org.esscard.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark harness of issue 9, against a running suite: the hash bound and logins (with Keycloak beside), the
 * permit inquiry ladder, cancel → inbox, the expiry scan, and memory per service; then the report.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar:benchmarks/target/lib/* org.esscard.benchmarks.BenchmarkRun
 *     --root . [--smoke] [--ready app=seconds,...] [--startup benchmarks/target/startup.tsv] [--report docs/BENCHMARKS.md]</pre>
 *
 * {@code benchmarks/run.sh} starts the suite and passes the start times; the smoke (HarnessSmokeIT) calls {@link #run}.
 */
public final class BenchmarkRun {

    private BenchmarkRun() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--smoke")) {
                options.put("smoke", "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            }
        }
        Path root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        Map<String, Double> ready = new LinkedHashMap<>();
        for (String pair : options.getOrDefault("ready", "").split(",")) {
            if (pair.contains("=")) {
                ready.put(pair.substring(0, pair.indexOf('=')), Double.parseDouble(pair.substring(pair.indexOf('=') + 1)));
            }
        }
        Plan plan = options.containsKey("smoke") ? Plan.smokeRun() : Plan.fullRun();
        Target target = Target.local(root, ready, options.getOrDefault("started", "each alone with `ESSCARD_APPS=<service> ./esscard up -d`"));
        if (options.containsKey("only")) {
            // a part on its own, for profiling a fix: printed, no report
            System.setProperty("bench.only", options.get("only"));
            run(target, plan, root.resolve("benchmarks/target"), "BenchmarkRun --only " + options.get("only"));
            System.exit(0);
        }
        Results results = run(target, plan, root.resolve("benchmarks/target"), options.getOrDefault("command", "benchmarks/run.sh"));
        if (options.containsKey("startup")) {
            results.startup = StartupTimes.read(Path.of(options.get("startup")));
        }
        Path report = root.resolve(options.getOrDefault("report", plan.smoke() ? "benchmarks/target/BENCHMARKS-smoke.md" : "docs/BENCHMARKS.md"));
        Report.write(results, report, root);
        System.out.println("==> report: " + root.relativize(report));
        System.exit(0);
    }

    /** Runs every benchmark of {@code plan} against {@code target}; Gatling reports and work files go under {@code work}. */
    public static Results run(Target target, Plan plan, Path work, String command) throws Exception {
        Results r = new Results();
        r.started = OffsetDateTime.now(ZoneOffset.UTC);
        r.plan = plan;
        r.command = command;
        r.machine = Machine.describe(target.permitJdbc());
        r.loadAtStart = Machine.loadAverage();
        r.readySeconds.putAll(target.readySeconds());
        r.startedHow = target.startedHow();
        r.quarkusStartSeconds.putAll(quarkusStartTimes(target));
        r.idleRss.putAll(ServiceMemory.now(target.pids()));
        Path gatling = work.resolve("gatling");
        String runId = String.format("%08d", (System.currentTimeMillis() / 1000) % 100_000_000L);

        if (want("hash") || want("login")) {
            hashBound(plan, r);
        }
        try (ServiceMemory memory = ServiceMemory.watch(target.pids())) {
            if (want("login")) {
                login(target, plan, r, gatling, runId);
            }
            if (want("inquiry")) {
                inquiryLadder(target, plan, r, gatling, runId);
            }
            if (want("overload")) {
                step("overload: GET /api/permits/mine at 4× the connections that saturate it (wrk, closed model)");
                r.overload = OverloadRun.run(target, plan, work.resolve("overload"), runId);
            }
            if (want("cancel")) {
                CancelToInbox.measure(target, plan, r, runId);
            }
            r.loadRss.putAll(memory.peakMib());
        }
        r.highWater.putAll(ServiceMemory.highWater(target.pids()));
        if (!plan.keycloak()) {
            r.keycloakSkipped = "not in the smoke (it downloads a 160 MB zip)";
        } else if (want("keycloak")) {
            try {
                keycloak(target, plan, r, work, gatling);
            } catch (Exception e) {
                // the peer is a comparison: the suite's own figures still go into the report
                r.keycloak = null;
                r.keycloakSkipped = "failed in this run: " + e.getMessage();
                System.out.println("    Keycloak failed: " + e);
            }
        }
        if (want("expiry")) {
            step("expiry scan of " + plan.expiryPermits() + " permits, twice in each of " + plan.repeats() + " runs (benchmarks/expiry-scan.sh)");
            r.expiry.putAll(expiryScan(target.root(), plan.expiryPermits(), plan.repeats(),
                    plan.smoke() ? "esscard_bench_smoke_expiry" : "esscard_bench_permit"));
        }
        r.loadAtEnd = Machine.loadAverage();
        return r;
    }

    private static void hashBound(Plan plan, Results r) throws Exception {
        step("hash bound: Argon2id 19 MiB, t=2, p=1 on " + r.machine.cores() + " cores");
        r.hash = HashBound.measure(plan.hashes());
        System.out.printf("    %.1f ms per check on one thread → bound %.1f logins/s; all cores at once %.1f checks/s; BouncyCastle %.1f ms%n",
                r.hash.millisPerHash(), r.hash.bound(), r.hash.allCoresPerSecond(), r.hash.bouncyCastleMillis());
    }

    private static void login(Target target, Plan plan, Results r, Path gatling, String runId) throws Exception {
        step("login: " + plan.loginHolders() + " holders imported by support");
        List<String> holders = Seed.holders(target, runId, plan.loginHolders());
        Map<String, String> login = new HashMap<>(Map.of("bench.login.url", target.accountUrl(), "bench.login.ssns", String.join(",", holders),
                "bench.login.password", Target.PASSWORD, "bench.login.clients", String.valueOf(plan.loginClients())));
        if (plan.warmUpSeconds() > 0) {
            login.put("bench.login.seconds", String.valueOf(plan.warmUpSeconds()));
            GatlingRun.run(LoginSimulation.class, login, gatling, "login warm-up", false);
        }
        login.put("bench.login.seconds", String.valueOf(plan.loginSeconds()));
        long account = target.pids().get("account-service");
        double serviceBefore = ProcessCpu.millis(account);
        double postgresBefore = ProcessCpu.postgresMillis();
        r.login = GatlingRun.run(LoginSimulation.class, login, gatling, "account-service login", true);
        r.loginServiceCpuMs = (ProcessCpu.millis(account) - serviceBefore) / Math.max(1, r.login.ok());
        r.loginPostgresCpuMs = (ProcessCpu.postgresMillis() - postgresBefore) / Math.max(1, r.login.ok());
        System.out.printf("    %s; CPU per login: service %.1f ms, PostgreSQL %.1f ms%n", r.login, r.loginServiceCpuMs, r.loginPostgresCpuMs);
    }

    /** Steps of constant arrival rate until p99 passes {@link Plan#INQUIRY_P99_BREAK_MS}. */
    private static void inquiryLadder(Target target, Plan plan, Results r, Path gatling, String runId) throws Exception {
        step("permit inquiry ladder: " + plan.inquiryPermits() + " permits");
        List<String> permits = Seed.permits(target, "Q" + runId, plan.inquiryPermits());
        Map<String, String> inquiry = new HashMap<>(Map.of("bench.inquiry.url", target.permitUrl(), "bench.inquiry.permits",
                String.join(",", permits), "bench.token.key", target.tokenKey().toString(), "bench.token.kid", target.tokenKeyId()));
        if (plan.warmUpSeconds() > 0) {
            inquiry.put("bench.inquiry.rate", "500");
            inquiry.put("bench.inquiry.seconds", String.valueOf(plan.warmUpSeconds()));
            GatlingRun.run(InquirySimulation.class, inquiry, gatling, "inquiry warm-up", false);
        }
        inquiry.put("bench.inquiry.seconds", String.valueOf(plan.inquiryStepSeconds()));
        for (int rate : plan.inquiryRates()) {
            inquiry.put("bench.inquiry.rate", String.valueOf(rate));
            long permit = target.pids().get("permit-service");
            double serviceBefore = ProcessCpu.millis(permit);
            double postgresBefore = ProcessCpu.postgresMillis();
            GatlingRun.Result step = GatlingRun.run(InquirySimulation.class, inquiry, gatling, "inquiry at " + rate + " req/s", true);
            r.inquiry.add(step);
            r.inquiryRates.add(rate);
            r.inquiryServiceCpuMs.add((ProcessCpu.millis(permit) - serviceBefore) / Math.max(1, step.ok() + step.ko()));
            r.inquiryPostgresCpuMs.add((ProcessCpu.postgresMillis() - postgresBefore) / Math.max(1, step.ok() + step.ko()));
            System.out.printf("    %d req/s offered: %s; CPU per inquiry: service %.2f ms, PostgreSQL %.2f ms%n", rate, step,
                    r.inquiryServiceCpuMs.get(r.inquiryServiceCpuMs.size() - 1), r.inquiryPostgresCpuMs.get(r.inquiryPostgresCpuMs.size() - 1));
            if (step.p99() > Plan.INQUIRY_P99_BREAK_MS) {
                break;
            }
        }
        if (InquiryWrk.available()) {
            step("permit inquiry under wrk: " + InquiryWrk.CONNECTIONS + " connections, " + plan.repeats() + " runs each");
            r.inquiryWrk = InquiryWrk.ladder(target, plan, permits, gatling.getParent());
        }
    }

    private static void keycloak(Target target, Plan plan, Results r, Path work, Path gatling) throws Exception {
        Optional<Path> java = Keycloak.javaHome();
        r.keycloakVersion = Keycloak.VERSION;
        if (java.isEmpty()) {
            r.keycloakSkipped = "no JDK 21 or newer on this machine (Keycloak 26 needs one; set BENCH_KEYCLOAK_JAVA_HOME)";
            return;
        }
        step("Keycloak " + Keycloak.VERSION + " (JDK " + java.get() + "): password grant, Argon2id at the same parameters");
        try (Keycloak keycloak = Keycloak.start(target.root(), java.get(), work.resolve("keycloak"))) {
            List<String> users = keycloak.realmWithUsers(plan.loginHolders() / 4, Target.PASSWORD);
            r.keycloakHashParameters = keycloak.storedHashParameters();
            System.out.println("    stored hash parameters: " + r.keycloakHashParameters);
            Map<String, String> login = new HashMap<>(Map.of("bench.keycloak.token-url", keycloak.tokenUrl(), "bench.keycloak.users",
                    String.join(",", users), "bench.login.password", Target.PASSWORD, "bench.login.clients", String.valueOf(plan.loginClients())));
            login.put("bench.login.seconds", String.valueOf(plan.warmUpSeconds()));
            GatlingRun.run(KeycloakLoginSimulation.class, login, gatling, "keycloak warm-up", false);
            login.put("bench.login.seconds", String.valueOf(plan.loginSeconds()));
            try (ServiceMemory memory = ServiceMemory.watch(Map.of("keycloak", keycloak.pid()))) {
                double before = ProcessCpu.millis(keycloak.pid());
                r.keycloak = GatlingRun.run(KeycloakLoginSimulation.class, login, gatling, "Keycloak password grant", true);
                r.keycloakCpuMs = (ProcessCpu.millis(keycloak.pid()) - before) / Math.max(1, r.keycloak.ok());
                r.keycloakRssMib = memory.peakMib().get("keycloak");
            }
            System.out.printf("    %s%n", r.keycloak);
        }
    }

    /** Runs benchmarks/expiry-scan.sh and returns its {@code result} key=value pairs. */
    static Map<String, String> expiryScan(Path root, int permits, int repeats, String database) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("benchmarks/expiry-scan.sh").toString(), String.valueOf(permits),
                String.valueOf(repeats))
                .directory(root.toFile()).redirectErrorStream(true);
        builder.environment().put("EXPIRY_SCAN_PORT", String.valueOf(Keycloak.freePort()));
        builder.environment().put("EXPIRY_SCAN_DB", database);
        Process p = builder.start();
        Map<String, String> result = new LinkedHashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null;) {
                System.out.println("    | " + line);
                if (line.startsWith("result ")) {
                    for (String pair : line.substring(7).trim().split(" ")) {
                        result.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                    }
                }
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("benchmarks/expiry-scan.sh failed with " + p.exitValue());
        }
        return result;
    }

    /** "started in 3.456s" of each service's current log (Quarkus's own figure, JVM start to application started). */
    static Map<String, Double> quarkusStartTimes(Target target) {
        Map<String, Double> result = new LinkedHashMap<>();
        Pattern started = Pattern.compile("started in ([0-9.]+)s");
        for (String app : target.pids().keySet()) {
            Path log = target.logs().resolve(app + ".log");
            try {
                for (String line : Files.readAllLines(log)) {
                    Matcher m = started.matcher(line);
                    if (m.find()) {
                        result.put(app, Double.parseDouble(m.group(1)));
                    }
                }
            } catch (Exception e) {
                // no log: the figure stays absent
            }
        }
        return result;
    }

    /** Whether this run does {@code part}: every part, unless {@code --only a,b} names some. */
    private static boolean want(String part) {
        String only = System.getProperty("bench.only");
        return only == null || java.util.Arrays.asList(only.split(",")).contains(part);
    }

    private static void step(String what) {
        System.out.println("==> " + what);
    }
}

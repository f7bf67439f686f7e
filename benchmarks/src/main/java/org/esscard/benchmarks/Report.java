package org.esscard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a run's figures, each beside its limit, into docs/BENCHMARKS.md between the harness's markers (the rest of
 * the page is kept), plus an SVG plot of the inquiry ladder next to it.
 */
public final class Report {

    static final String BEGIN = "<!-- benchmarks:begin — written by benchmarks/run.sh; change the harness, not this section -->";
    static final String END = "<!-- benchmarks:end -->";

    /** Issue 14: logins ≥ 95 % of what the cores hash at once in the same run. */
    private static final double LOGIN_GOAL = 0.95;
    private static final int INQUIRY_GOAL_RPS = 5_000;
    private static final long INQUIRY_GOAL_P99 = 20;

    private Report() {
    }

    public static void write(Results r, Path file, Path root) throws IOException {
        Path plotDir = file.getParent().resolve(r.plan.smoke() ? "benchmarks-smoke" : "benchmarks");
        Files.createDirectories(plotDir);
        Path plot = plotDir.resolve("inquiry-ladder.svg");
        Files.writeString(plot, Plot.ladder(r));
        if (r.overload != null) {
            Files.writeString(plotDir.resolve("overload.svg"), OverloadRun.plot(r.overload));
        }
        String section = section(r, file.getParent().relativize(plot).toString(), root);
        String page = Files.isRegularFile(file) ? Files.readString(file) : "# Benchmarks\n\n" + BEGIN + "\n" + END + "\n";
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        if (begin < 0 || end < begin) {
            page = page + "\n" + BEGIN + "\n" + END + "\n";
            begin = page.indexOf(BEGIN);
            end = page.indexOf(END);
        }
        Files.writeString(file, page.substring(0, begin) + BEGIN + "\n" + section + END + page.substring(end + END.length()));
    }

    static String section(Results r, String plotPath, Path root) {
        StringBuilder md = new StringBuilder();
        Machine m = r.machine;
        md.append("\n## The harness run (issue 9)").append(r.plan.smoke() ? " — SMOKE, sizes too small to mean anything" : "").append("\n\n");
        md.append("Taken ").append(r.started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))).append(" with `")
                .append(r.command).append("`, against the suite as `./esscard` runs it (each service `-Xmx256m`), ")
                .append("with the load generator (Gatling ").append(gatlingVersion()).append(", in one JVM) on the same machine.\n\n");
        md.append("| machine | |\n|---|---|\n");
        md.append("| cores | ").append(m.cores()).append(" (").append(m.cpu()).append(") |\n");
        md.append("| memory | ").append(String.format(Locale.ROOT, "%.1f GiB", m.memoryMib() / 1024.0)).append(" |\n");
        md.append("| OS | ").append(m.os()).append(" |\n");
        md.append("| JDK | ").append(m.jdk()).append(" |\n");
        md.append("| PostgreSQL | ").append(m.postgres()).append(", same machine |\n");
        md.append("| load average (1, 5, 15 min) | at start ").append(r.loadAtStart).append("; at end ").append(r.loadAtEnd).append(" |\n\n");

        md.append("### Against the goals\n\n| figure | measured | limit or goal | |\n|---|---|---|---|\n");
        double share = loginRate(r) / r.hash.allCoresPerSecond();
        md.append(row("login throughput", f1(loginRate(r)) + " logins/s = **" + pct(share) + "** of the "
                + f1(r.hash.allCoresPerSecond()) + " checks/s the cores did at once in this run ("
                + pct(loginRate(r) / r.hash.bound()) + " of the one-thread bound " + f1(r.hash.bound()) + " /s)",
                "≥ 95 % of the all-cores hash rate", share >= LOGIN_GOAL));
        GatlingRun.Result best = bestInquiry(r);
        if (best != null) {
            md.append(row("permit inquiry", "**" + f0(best.ok() / (double) r.plan.inquiryStepSeconds()) + " req/s** with p99 "
                    + best.p99() + " ms (highest step with p99 < 20 ms)", "≥ 5,000 req/s with p99 < 20 ms",
                    best.ok() / (double) r.plan.inquiryStepSeconds() >= INQUIRY_GOAL_RPS * 0.98));
        } else {
            md.append(row("permit inquiry", "no step had p99 < 20 ms", "≥ 5,000 req/s with p99 < 20 ms", false));
        }
        md.append(CancelToInbox.goalRows(r));
        ExpiryScanFigures expiry = ExpiryScanFigures.of(r.expiry);
        md.append(row("expiry scan", expiry.measured(), expiry.goal(), expiry.met()));
        md.append("\n");

        md.append("### Login (R11, R12) against the hash bound, and Keycloak\n\n");
        md.append("Hash bound, measured in this run with account-service's own `PasswordHasher` (Argon2id 19 MiB, t=2, p=1): **")
                .append(f1(r.hash.millisPerHash())).append(" ms** per hash on one thread (mean of ").append(r.hash.hashes())
                .append(" after warm-up), so ").append(r.hash.cores()).append(" cores ÷ ").append(f1(r.hash.millisPerHash())).append(" ms = **")
                .append(f1(r.hash.bound())).append(" logins/s**. With every core hashing at once the machine did ")
                .append(f1(r.hash.allCoresPerSecond())).append(" hashes/s (the cores share the memory bus). BouncyCastle's Argon2id ")
                .append("(which Keycloak uses) took ").append(f1(r.hash.bouncyCastleMillis())).append(" ms for the same hash on one thread.\n\n");
        md.append("Load: `LoginSimulation`, ").append(r.plan.loginClients()).append(" concurrent clients (closed model) for ")
                .append(r.plan.loginSeconds()).append(" s after ").append(r.plan.warmUpSeconds()).append(" s of warm-up, each login a different one of ")
                .append(r.plan.loginHolders()).append(" holders (social security number + password; support imported them with an Argon2id hash).\n\n");
        md.append("| | logins/s | of the hash bound | of the all-cores rate | p50 | p95 | p99 | max | failed | CPU per login | peak RSS |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        md.append(loginRow("account-service `POST /api/accounts/login`", r.login, r.plan, r.hash, r.loginServiceCpuMs, r.loadRss.get("account-service")));
        if (r.keycloak != null) {
            md.append(loginRow("Keycloak " + r.keycloakVersion + " password grant", r.keycloak, r.plan, r.hash, r.keycloakCpuMs, r.keycloakRssMib));
        }
        md.append("\nCPU per login is the service's JVM time (user + system, `/proc/<pid>/stat`) over the run ÷ the logins served; ")
                .append("PostgreSQL spent ").append(f1(r.loginPostgresCpuMs)).append(" ms more per account-service login.\n");
        md.append("\n");
        if (r.keycloak != null) {
            md.append("Keycloak ran with `start-dev` on the same PostgreSQL, options `--spi-password-hashing--argon2--memory=19456 ")
                    .append("--spi-password-hashing--argon2--iterations=2 --spi-password-hashing--argon2--parallelism=1` and the realm policy ")
                    .append("`hashAlgorithm(argon2)`. What it stored for a user's password (admin API, `credentialData`): `")
                    .append(r.keycloakHashParameters).append("`.\n\n");
        } else {
            md.append("Keycloak: ").append(r.keycloakSkipped).append(".\n\n");
        }

        md.append("### Permit inquiry (R16): `GET /api/permits/mine`, ES256 JWT + one read\n\n");
        md.append("`InquirySimulation`: a constant arrival rate per step (open model), ").append(r.plan.inquiryStepSeconds())
                .append(" s per step over ").append(r.plan.inquiryPermits()).append(" holders with their own permit, on pooled keep-alive connections ")
                .append("(as a gateway holds them); each holder keeps its step-up token 2 minutes. The ladder stops at the first step whose p99 passes 50 ms.\n\n");
        md.append("| offered req/s | served req/s | p50 | p95 | p99 | max | failed | CPU per inquiry: service + PostgreSQL |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < r.inquiry.size(); i++) {
            GatlingRun.Result s = r.inquiry.get(i);
            md.append("| ").append(num(r.inquiryRates.get(i))).append(" | ").append(f0(s.ok() / (double) r.plan.inquiryStepSeconds())).append(" | ")
                    .append(s.p50()).append(" ms | ").append(s.p95()).append(" ms | ").append(s.p99() > Plan.INQUIRY_P99_BREAK_MS ? "**" + s.p99() + " ms**" : s.p99() + " ms")
                    .append(" | ").append(s.max()).append(" ms | ").append(s.ko()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f + %.2f ms", r.inquiryServiceCpuMs.get(i), r.inquiryPostgresCpuMs.get(i))).append(" |\n");
        }
        GatlingRun.Result last = r.inquiry.isEmpty() ? null : r.inquiry.get(r.inquiry.size() - 1);
        if (last != null && last.p99() > Plan.INQUIRY_P99_BREAK_MS) {
            md.append("\np99 breaks 50 ms at **").append(num(r.inquiryRates.get(r.inquiry.size() - 1))).append(" req/s** offered.\n\n");
        } else {
            md.append("\np99 stayed under 50 ms up to the last step.\n\n");
        }
        md.append("![inquiry ladder](").append(plotPath).append(")\n\n");
        if (r.inquiryWrk != null) {
            md.append(InquiryWrk.markdown(r.inquiryWrk));
        }

        if (r.overload != null) {
            md.append(OverloadRun.markdown(r.overload, plotPath.replace("inquiry-ladder.svg", "overload.svg")));
        }
        md.append(CancelToInbox.section(r));

        md.append("### Expiry scan (R19): `benchmarks/expiry-scan.sh ").append(r.expiry.get("permits")).append(" ").append(r.expiry.get("repeats")).append("`\n\n");
        md.append(expiry.table());

        md.append("### Each service: start and memory\n\n");
        md.append("Started ").append(r.startedHow).append(". *Ready* is the time to a 200 from `/q/health/ready`; *Quarkus* is its own ")
                .append("\"started in\". RSS idle is `VmRSS` before the load; under load the highest `VmRSS` sampled every 250 ms during the ")
                .append("login, inquiry and cancellation loads; VmHWM the kernel's peak since start.\n\n");
        md.append("| service | ready | Quarkus started in | RSS idle | RSS under load | VmHWM |\n|---|---|---|---|---|---|\n");
        for (String app : r.idleRss.keySet()) {
            md.append("| ").append(app).append(" | ").append(r.readySeconds.containsKey(app) ? f1(r.readySeconds.get(app)) + " s" : "–").append(" | ")
                    .append(r.quarkusStartSeconds.containsKey(app) ? f1(r.quarkusStartSeconds.get(app)) + " s" : "–").append(" | ")
                    .append(mib(r.idleRss.get(app))).append(" | ").append(mib(r.loadRss.get(app))).append(" | ").append(mib(r.highWater.get(app))).append(" |\n");
        }
        if (r.startup != null) {
            md.append("\n").append(r.startup.markdown());
        }
        md.append("\n### Reports\n\nGatling's HTML reports of this run (written under `benchmarks/target/gatling/`, not committed; the command writes them again):\n\n");
        List<GatlingRun.Result> all = new ArrayList<>();
        all.add(r.login);
        if (r.keycloak != null) {
            all.add(r.keycloak);
        }
        all.addAll(r.inquiry);
        for (GatlingRun.Result s : all) {
            md.append("- ").append(s.name()).append(": `").append(root.relativize(s.report().toAbsolutePath())).append("/index.html`\n");
        }
        md.append("\n");
        return md.toString();
    }

    static GatlingRun.Result bestInquiry(Results r) {
        GatlingRun.Result best = null;
        for (GatlingRun.Result s : r.inquiry) {
            if (s.p99() < INQUIRY_GOAL_P99 && s.ko() == 0 && (best == null || s.ok() > best.ok())) {
                best = s;
            }
        }
        return best;
    }

    static double loginRate(Results r) {
        return r.login.ok() / (double) r.plan.loginSeconds();
    }

    private static String loginRow(String what, GatlingRun.Result s, Plan plan, HashBound.Result hash, double cpuMs, Long rss) {
        double rate = s.ok() / (double) plan.loginSeconds();
        return "| " + what + " | **" + f1(rate) + "** | " + pct(rate / hash.bound()) + " | " + pct(rate / hash.allCoresPerSecond()) + " | "
                + s.p50() + " ms | " + s.p95() + " ms | " + s.p99()
                + " ms | " + s.max() + " ms | " + s.ko() + " | " + (cpuMs < 0 ? "–" : f1(cpuMs) + " ms") + " | " + mib(rss) + " |\n";
    }

    private static String row(String figure, String measured, String goal, boolean met) {
        return "| " + figure + " | " + measured + " | " + goal + " | " + (met ? "met" : "**missed**") + " |\n";
    }

    private static String gatlingVersion() {
        Package p = io.gatling.javaapi.core.Simulation.class.getPackage();
        return p.getImplementationVersion() != null ? p.getImplementationVersion() : "3.15.1";
    }

    static String f0(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    static String f1(double v) {
        return String.format(Locale.ROOT, "%,.1f", v);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.0f %%", v * 100);
    }

    static String num(Object v) {
        if (v == null) {
            return "–";
        }
        try {
            return String.format(Locale.ROOT, "%,d", Long.parseLong(v.toString()));
        } catch (NumberFormatException e) {
            return v.toString();
        }
    }

    static String mib(Long v) {
        return v == null ? "–" : v + " MiB";
    }

    /** For tests: the figures the summary table names. */
    static Map<String, String> goals() {
        return Map.of("login", "≥ 95 % of the all-cores hash rate", "inquiry", "≥ 5,000 req/s, p99 < 20 ms", "cancel", "p99 < 100 ms at 100/s", "scan", "< 120 s");
    }
}

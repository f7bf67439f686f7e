package org.esscard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.esscard.platform.testing.KafkaBrokerProcess;
import org.esscard.platform.testing.QuarkusAppProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The harness in its seconds-long smoke (what CI runs, so the full run keeps working): every step of
 * {@link BenchmarkRun} with tiny sizes, against a broker and the packaged account-, permit- and notification-service
 * started here on free ports with databases of their own. Keycloak is left out (a 160 MB download); the full run
 * ({@code benchmarks/run.sh}) covers it. Nothing here judges a figure: it checks that each one was measured and
 * that the report holds it.
 */
class HarnessSmokeIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final String STAFF = "authority:permit-authority:Authority#2026,officer:exit-entry-officer:Officer#2026,support:support:Support#2026";
    private static final List<String> SERVICES = List.of("account", "permit", "notification");

    private static QuarkusAppProcess account;
    private static QuarkusAppProcess permit;
    private static QuarkusAppProcess notification;
    private static Path work;
    private static Path root;

    @BeforeAll
    static void suite() throws Exception {
        root = QuarkusAppProcess.root();
        work = root.resolve("benchmarks/target/smoke");
        Files.createDirectories(work);
        for (String service : SERVICES) {
            recreate("esscard_bench_smoke_" + service);
        }
        KafkaBrokerProcess broker = KafkaBrokerProcess.shared();
        Path key = copy("testkeys/jwt-private.pem");

        int accountPort = QuarkusAppProcess.freePort();
        Map<String, String> accountEnv = env("account", broker);
        accountEnv.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", key.toString());
        accountEnv.put("ESSCARD_TOKEN_PUBLIC_KEY_LOCATION", copy("testkeys/jwt-public.pem").toString());
        accountEnv.put("ESSCARD_TOKEN_KEY_ID", "test-key-1");
        accountEnv.put("ESSCARD_STAFF_ACCOUNTS", STAFF);
        account = new QuarkusAppProcess("account-service", root, accountPort, accountEnv, work);
        String jwks = "http://127.0.0.1:" + accountPort + "/api/accounts/.well-known/jwks.json";
        Map<String, String> permitEnv = env("permit", broker);
        permitEnv.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwks);
        permit = new QuarkusAppProcess("permit-service", root, QuarkusAppProcess.freePort(), permitEnv, work);
        Map<String, String> notificationEnv = env("notification", broker);
        notificationEnv.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwks);
        notification = new QuarkusAppProcess("notification-service", root, QuarkusAppProcess.freePort(), notificationEnv, work);
        for (QuarkusAppProcess service : List.of(account, permit, notification)) {
            service.start(START_TIMEOUT);
        }
    }

    @AfterAll
    static void stop() {
        for (QuarkusAppProcess service : new QuarkusAppProcess[] { notification, permit, account }) {
            if (service != null) {
                service.stop();
            }
        }
    }

    @Test
    void everyBenchmarkRunsAndTheReportHoldsItsFigures() throws Exception {
        Map<String, Long> pids = new LinkedHashMap<>();
        Map<String, Double> ready = new LinkedHashMap<>();
        for (QuarkusAppProcess service : List.of(account, permit, notification)) {
            pids.put(service.name(), service.pid());
            ready.put(service.name(), service.startTime().toMillis() / 1000.0);
        }
        Target target = new Target(root, "http://127.0.0.1:" + account.port(), "http://127.0.0.1:" + permit.port(),
                "http://127.0.0.1:" + notification.port(), jdbc("permit"), jdbc("notification"), work.resolve("jwt-private.pem"),
                "test-key-1", pids, ready, "together by HarnessSmokeIT", work, KafkaBrokerProcess.shared().bootstrapServers());

        Results results = BenchmarkRun.run(target, Plan.smokeRun(), root.resolve("benchmarks/target"), "benchmarks/run.sh --smoke");

        assertThat(results.hash.millisPerHash()).isPositive();
        assertThat(results.login.ok()).as("logins that succeeded").isPositive();
        assertThat(results.login.ko()).as("logins that failed").isZero();
        assertThat(results.inquiry).isNotEmpty().allSatisfy(step -> assertThat(step.ko()).as("failed inquiries").isZero());
        assertThat(results.cancel).hasSize(1).allSatisfy(run -> {
            assertThat(run.missing()).as("cancellations without an inbox entry").isZero();
            assertThat(run.duplicates()).as("cancellations with two inbox entries").isZero();
        });
        assertThat(results.cancelBurst).hasSize(1).allSatisfy(burst -> {
            assertThat(burst.missing()).as("burst cancellations without an inbox entry").isZero();
            assertThat(burst.duplicates()).as("burst cancellations with two inbox entries").isZero();
        });
        // measured, not judged: steps of a second or two on a loaded machine may serve nothing
        assertThat(results.overload.ladder()).isNotEmpty();
        assertThat(results.overload.repeats()).isNotEmpty().allSatisfy(repeat -> assertThat(repeat.probe().healthStatuses()).isNotEmpty());
        assertThat(results.expiry).containsEntry("scan2_events", "0").containsKey("scan1_ms").containsKey("scan1_rss_mib");
        assertThat(results.idleRss).containsKeys("account-service", "permit-service", "notification-service");

        Path report = root.resolve("benchmarks/target/smoke/BENCHMARKS.md");
        Files.deleteIfExists(report);
        Report.write(results, report, root);
        assertThat(Files.readString(report)).contains(Report.BEGIN, Report.END, "hash bound", "logins/s", "offered req/s",
                "p99", "drained at", "Overload", "first scan", "second scan", "RSS idle", "load average");
        assertThat(report.resolveSibling("benchmarks-smoke/inquiry-ladder.svg")).isRegularFile();
        assertThat(report.resolveSibling("benchmarks-smoke/overload.svg")).isRegularFile();
    }

    private static Map<String, String> env(String service, KafkaBrokerProcess broker) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/esscard_bench_smoke_" + service);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbc(service));
        // expiry and identity are not part of the smoke: identity-service is not started
        env.put("ESSCARD_IDENTITY_URL", "http://127.0.0.1:1");
        return env;
    }

    private static String jdbc(String service) {
        return "jdbc:postgresql://127.0.0.1:5432/esscard_bench_smoke_" + service;
    }

    /** A fresh database of the smoke's own: never one a developer's suite or another test uses. */
    private static void recreate(String database) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "esscard", "esscard")) {
            c.createStatement().execute("drop database if exists " + database + " with (force)");
            c.createStatement().execute("create database " + database);
        }
    }

    private static Path copy(String resource) throws IOException {
        Path target = work.resolve(Path.of(resource).getFileName());
        try (InputStream in = HarnessSmokeIT.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " not on the test class path (platform's test-jar)");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}

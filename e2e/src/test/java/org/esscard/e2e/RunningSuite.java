package org.esscard.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.esscard.platform.testing.KafkaBrokerProcess;
import org.esscard.platform.testing.QuarkusAppProcess;

/**
 * The suite as the tests see it, started once per test JVM: a PostgreSQL server of its own
 * ({@link PostgresServer}), a real Kafka broker process, the provider simulator, and the packaged account-,
 * identity-, permit- and notification-service JVMs, configured as the run command configures them.
 * account-service signs with the test key pair, so tests may also mint tokens every service accepts.
 * notification-service reaches PostgreSQL through a {@link TcpProxy} that tests can cut.
 */
public final class RunningSuite {

    public static final String STAFF = "authority:permit-authority:Authority#2026,officer:exit-entry-officer:Officer#2026,support:support:Support#2026";
    private static final List<String> DATABASES = List.of("esscard_account", "esscard_identity", "esscard_permit", "esscard_notification");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static RunningSuite instance;

    public final PostgresServer postgres;
    public final KafkaBrokerProcess broker;
    public final QuarkusAppProcess simulator;
    public final QuarkusAppProcess account;
    public final QuarkusAppProcess identity;
    public final QuarkusAppProcess permit;
    public final QuarkusAppProcess notification;
    public final TcpProxy notificationDatabase;
    /** Where the services export their spans (OTLP/HTTP), sampled always: the trace tests read them here. */
    public final OtlpReceiver traces;

    private final Path work;

    private RunningSuite() {
        Path root = QuarkusAppProcess.root();
        work = root.resolve("e2e/target/e2e");
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        postgres = new PostgresServer(DATABASES);
        postgres.start();
        broker = KafkaBrokerProcess.shared();
        notificationDatabase = new TcpProxy("127.0.0.1", postgres.port());
        traces = new OtlpReceiver();

        simulator = new QuarkusAppProcess("provider-simulator", root, QuarkusAppProcess.freePort(), Map.of(), work);
        String providers = simulator.url("");

        int accountPort = QuarkusAppProcess.freePort();
        int identityPort = QuarkusAppProcess.freePort();
        int permitPort = QuarkusAppProcess.freePort();
        int notificationPort = QuarkusAppProcess.freePort();
        String jwks = "http://127.0.0.1:" + accountPort + "/api/accounts/.well-known/jwks.json";

        Map<String, String> accountEnv = database("account", postgres.port());
        accountEnv.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", copy("testkeys/jwt-private.pem", work).toString());
        accountEnv.put("ESSCARD_TOKEN_PUBLIC_KEY_LOCATION", copy("testkeys/jwt-public.pem", work).toString());
        accountEnv.put("ESSCARD_TOKEN_KEY_ID", "test-key-1");
        accountEnv.put("ESSCARD_STAFF_ACCOUNTS", STAFF);
        accountEnv.put("ESSCARD_PIN_PEPPER", "e2e-pin-pepper");
        accountEnv.put("ESSCARD_IDENTITY_URL", "http://127.0.0.1:" + identityPort);
        // the parts of a holder's copy of their data (issue 18)
        accountEnv.put("ESSCARD_PERMIT_URL", "http://127.0.0.1:" + permitPort);
        accountEnv.put("ESSCARD_NOTIFICATION_URL", "http://127.0.0.1:" + notificationPort);
        account = new QuarkusAppProcess("account-service", root, accountPort, accountEnv, work);

        Map<String, String> identityEnv = database("identity", postgres.port());
        identityEnv.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwks);
        identityEnv.put("ESSCARD_PROVIDERS_URL", providers);
        identityEnv.put("ESSCARD_IDENTITY_HASH_KEY", "e2e-identity-hash-key");
        identity = new QuarkusAppProcess("identity-service", root, identityPort, identityEnv, work);

        Map<String, String> permitEnv = database("permit", postgres.port());
        permitEnv.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwks);
        // the QR key as ./esscard up keeps it: on disk, made once, in the configuration file it writes
        permitEnv.put("QUARKUS_CONFIG_LOCATIONS", localRunKeys(root, work).toString());
        permit = new QuarkusAppProcess("permit-service", root, permitPort, permitEnv, work);

        Map<String, String> notificationEnv = database("notification", notificationDatabase.port());
        notificationEnv.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwks);
        notificationEnv.put("ESSCARD_PROVIDERS_URL", providers);
        // the vendors' outages here last as long as a slow machine makes them: retries every 5 s at most, for
        // 40 attempts, so a message waits for its vendor rather than being given up before the test restarts it
        notificationEnv.put("ESSCARD_NOTIFICATION_DELIVERY_MAX_BACKOFF", "5s");
        notificationEnv.put("ESSCARD_NOTIFICATION_DELIVERY_MAX_ATTEMPTS", "40");
        notification = new QuarkusAppProcess("notification-service", root, notificationPort, notificationEnv, work);

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            all().forEach(QuarkusAppProcess::stop);
            notificationDatabase.close();
            traces.close();
            postgres.destroy();
        }, "suite-stop"));
        // all at once: on 2 cores the JVMs' start-up overlaps with each other's waiting
        ExecutorService starter = Executors.newFixedThreadPool(all().size());
        try {
            List<Future<?>> started = all().stream().map(app -> starter.submit(() -> app.start(START_TIMEOUT))).collect(Collectors.toList());
            for (Future<?> future : started) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("the suite did not start", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            starter.shutdown();
        }
        all().forEach(app -> System.out.printf("e2e: %s ready in %d ms, RSS %d MiB%n", app.name(), app.startTime().toMillis(), app.rssMib()));
    }

    public static synchronized RunningSuite get() {
        if (instance == null) {
            instance = new RunningSuite();
        }
        return instance;
    }

    /**
     * The port of the local gateway (deploy/local/gateway.sh: Debian's nginx) in front of the four services,
     * started on first use and stopped with the suite; empty where nginx is missing and cannot be installed
     * (not root), so the rest of e2e runs without it.
     */
    public synchronized java.util.OptionalInt gateway() {
        if (gatewayPort == null) {
            gatewayPort = startGateway();
        }
        return gatewayPort;
    }

    private java.util.OptionalInt gatewayPort;

    private Map<String, String> gatewayEnv;

    private java.util.OptionalInt startGateway() {
        int port = QuarkusAppProcess.freePort();
        Path state = work.resolve("gateway");
        gatewayEnv = Map.of("ESSCARD_GATEWAY_PORT", String.valueOf(port), "ESSCARD_GATEWAY_STATE", state.toString(),
                "ESSCARD_GATEWAY_UPSTREAMS", "account=" + account.port() + " identity=" + identity.port() + " permit=" + permit.port()
                        + " notification=" + notification.port());
        int exit = gatewayScript("start");
        if (exit != 0) {
            return java.util.OptionalInt.empty();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> gatewayScript("stop"), "gateway-stop"));
        return java.util.OptionalInt.of(port);
    }

    /** Stops the gateway (a test that needs what it serves gone); {@link #restartGateway()} brings it back on its port. */
    public synchronized void stopGateway() {
        if (gatewayScript("stop") != 0) {
            throw new IllegalStateException("the gateway did not stop");
        }
    }

    public synchronized void restartGateway() {
        if (gatewayScript("start") != 0) {
            throw new IllegalStateException("the gateway did not start again");
        }
    }

    /** deploy/local/gateway.sh {@code command} with the suite's gateway settings; its exit code. */
    private int gatewayScript(String command) {
        Path script = QuarkusAppProcess.root().resolve("deploy/local/gateway.sh");
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), command).redirectErrorStream(true);
            builder.environment().putAll(gatewayEnv);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int exit = process.waitFor();
            System.out.printf("e2e: gateway %s: %s%n", command, output.strip());
            return exit;
        } catch (IOException e) {
            if ("stop".equals(command)) {
                return 1; // the JVM is ending; nginx's own pid file under e2e/target names it for a later cleanup
            }
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** Where the services' logs and the tests' files go. */
    public Path work() {
        return work;
    }

    /** The four services, each with a database and Kafka. */
    public List<QuarkusAppProcess> services() {
        return List.of(account, identity, permit, notification);
    }

    /** Everything the suite runs, the provider simulator included. */
    public List<QuarkusAppProcess> all() {
        return List.of(simulator, account, identity, permit, notification);
    }

    /** The service's database on the suite's server, over {@code port} (the server or a proxy). */
    private Map<String, String> database(String service, int port) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        // traces as a deployment with a collector has them: every request sampled, exported within a fraction of a second
        env.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", traces.endpoint());
        env.put("QUARKUS_OTEL_TRACES_SAMPLER_ARG", "1.0");
        env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms");
        // as ./esscard up: the client address is X-Forwarded-For from 127.0.0.1 only. Tests call the services
        // from there, playing the gateway for the phone they name; the real gateway is gateway(), in front
        env.put("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true");
        env.put("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "127.0.0.1");
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + port + "/esscard_" + service);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + port + "/esscard_" + service);
        return env;
    }

    private static Path copy(String resource, Path dir) {
        Path target = dir.resolve(Path.of(resource).getFileName());
        try (InputStream in = RunningSuite.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " not on the test classpath");
            }
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A staff token from account-service's login, as the authority's or an officer's client gets one. */
    /**
     * {@code ./esscard keys} with its state in {@code work/local-run}: the QR signing key pair under {@code keys/} and
     * permit-service's configuration naming it, which the suite's permit-service reads as a local run does.
     */
    private static Path localRunKeys(Path root, Path work) {
        Path state = work.resolve("local-run");
        ProcessBuilder keys = new ProcessBuilder("bash", root.resolve("esscard").toString(), "keys").redirectErrorStream(true);
        keys.environment().put("ESSCARD_RUN_DIR", state.toString());
        try {
            Process process = keys.start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("./esscard keys failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return state.resolve("work/permit-service/config/application.properties");
    }

    public String staffLogin(String username, String password) {
        return io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .when().post(account.url("/api/accounts/staff/login"))
                .then().statusCode(200).extract().path("access_token");
    }
}

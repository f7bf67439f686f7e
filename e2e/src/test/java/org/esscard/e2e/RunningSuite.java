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

import org.esscard.platform.testing.KafkaBrokerProcess;
import org.esscard.platform.testing.QuarkusAppProcess;

/**
 * The suite as the tests see it: a real Kafka broker process, the local PostgreSQL, and the packaged
 * account-, permit- and notification-service JVMs, started once per test JVM. account-service signs with
 * the test key pair, so tests may also mint holder tokens that every service accepts.
 * notification-service reaches PostgreSQL through a {@link TcpProxy} that tests can cut.
 */
public final class RunningSuite {

    public static final String STAFF = "authority:permit-authority:Authority#2026,officer:exit-entry-officer:Officer#2026,support:support:Support#2026";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static RunningSuite instance;

    public final KafkaBrokerProcess broker;
    public final QuarkusAppProcess account;
    public final QuarkusAppProcess permit;
    public final QuarkusAppProcess notification;
    public final TcpProxy notificationDatabase;

    private RunningSuite() {
        Path root = QuarkusAppProcess.root();
        Path work = root.resolve("e2e/target/e2e");
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        broker = KafkaBrokerProcess.shared();
        notificationDatabase = new TcpProxy("127.0.0.1", 5432);

        int accountPort = QuarkusAppProcess.freePort();
        Map<String, String> accountEnv = database("account", 5432);
        accountEnv.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", copy("testkeys/jwt-private.pem", work).toString());
        accountEnv.put("ESSCARD_TOKEN_PUBLIC_KEY_LOCATION", copy("testkeys/jwt-public.pem", work).toString());
        accountEnv.put("ESSCARD_TOKEN_KEY_ID", "test-key-1");
        accountEnv.put("ESSCARD_STAFF_ACCOUNTS", STAFF);
        account = new QuarkusAppProcess("account-service", root, accountPort, accountEnv, work);

        String jwks = "http://127.0.0.1:" + accountPort + "/api/accounts/.well-known/jwks.json";
        Map<String, String> permitEnv = database("permit", 5432);
        permitEnv.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwks);
        permit = new QuarkusAppProcess("permit-service", root, QuarkusAppProcess.freePort(), permitEnv, work);

        Map<String, String> notificationEnv = database("notification", notificationDatabase.port());
        notificationEnv.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwks);
        notification = new QuarkusAppProcess("notification-service", root, QuarkusAppProcess.freePort(), notificationEnv, work);

        for (QuarkusAppProcess service : services()) {
            service.start(START_TIMEOUT);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> services().forEach(QuarkusAppProcess::stop), "suite-stop"));
    }

    public static synchronized RunningSuite get() {
        if (instance == null) {
            instance = new RunningSuite();
        }
        return instance;
    }

    public List<QuarkusAppProcess> services() {
        return List.of(account, permit, notification);
    }

    /** The service's own test database, emptied at its start, over {@code port} (the server or a proxy). */
    private Map<String, String> database(String service, int port) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + port + "/esscard_" + service + "_test");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + port + "/esscard_" + service + "_test");
        env.put("QUARKUS_FLYWAY_CLEAN_AT_START", "true");
        env.put("QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
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
    public String staffLogin(String username, String password) {
        return io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .when().post(account.url("/api/accounts/staff/login"))
                .then().statusCode(200).extract().path("access_token");
    }
}

package org.esscard.account.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.esscard.platform.testing.KafkaBrokerProcess;
import org.esscard.platform.testing.ProviderSimulatorTestResource;
import org.esscard.platform.testing.QuarkusAppProcess;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs the packaged identity-service as a process for account-service's tests, never a mock: on its test database
 * (in a schema of its own, emptied at start), on this JVM's broker (it learns permits from the same permit-events and publishes identity-events),
 * trusting the test key that account-service signs with, and calling the provider simulator as its vendors.
 * The reactor builds identity-service and the simulator first (pom-type dependencies in this module).
 */
public class IdentityServiceTestResource implements QuarkusTestResourceLifecycleManager {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /**
     * identity-service's own tests use the same test database and empty its {@code public} schema when they start:
     * a schema of our own keeps a build of identity-service running beside this one from dropping our tables.
     */
    static final String SCHEMA = "account_service_tests";
    private static QuarkusAppProcess identity;
    private static Map<String, String> environment;

    /** identity-service's base URL, as the holder's app reaches it once logged in. */
    public static synchronized String url() {
        if (identity == null) {
            String simulator = ProviderSimulatorTestResource.url();
            Path logs = Path.of("target");
            Map<String, String> env = new HashMap<>();
            env.put("KAFKA_BOOTSTRAP_SERVERS", KafkaBrokerProcess.shared().bootstrapServers());
            String database = System.getenv().getOrDefault("ESSCARD_IDENTITY_TEST_DATABASE", "esscard_identity_test");
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/" + database + "?search_path=" + SCHEMA);
            env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/" + database + "?currentSchema=" + SCHEMA);
            env.put("QUARKUS_FLYWAY_SCHEMAS", SCHEMA);
            env.put("QUARKUS_FLYWAY_DEFAULT_SCHEMA", SCHEMA);
            env.put("QUARKUS_FLYWAY_CLEAN_AT_START", "true");
            env.put("QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
            env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", copy("testkeys/jwt-public.pem", logs).toString());
            env.put("ESSCARD_PROVIDERS_URL", simulator);
            environment = env;
            identity = new QuarkusAppProcess("identity-service", QuarkusAppProcess.root(), QuarkusAppProcess.freePort(), env, logs);
            identity.start(START_TIMEOUT);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> identity.stop(), "identity-service-stop"));
        }
        return identity.url("");
    }

    /** Takes identity-service away while {@code during} runs, then starts it again on the same port, keeping its data. */
    public static synchronized void outage(Runnable during) {
        url();
        identity.stop();
        try {
            during.run();
        } finally {
            Map<String, String> env = new HashMap<>(environment);
            env.put("QUARKUS_FLYWAY_CLEAN_AT_START", "false");
            identity = new QuarkusAppProcess("identity-service", QuarkusAppProcess.root(), identity.port(), env, Path.of("target"));
            identity.start(START_TIMEOUT);
        }
    }

    @Override
    public Map<String, String> start() {
        return Map.of("esscard.identity.url", url());
    }

    @Override
    public void stop() {
        // shared by every Quarkus app of this test JVM; stopped when the JVM exits
    }

    private static Path copy(String resource, Path dir) {
        try (InputStream in = IdentityServiceTestResource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " not on the test classpath");
            }
            Files.createDirectories(dir);
            Path target = Files.createTempFile(dir.toAbsolutePath(), "identity-jwt-public-", ".pem");
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

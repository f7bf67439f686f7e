package org.esscard.identity.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs the packaged provider-simulator (built before identity-service in the reactor) as a child process on a
 * free port, once per test JVM, and points identity-service's vendor clients at it ({@code esscard.providers.url}):
 * every vendor call of the tests goes over real HTTP. Its log goes to {@code target/provider-simulator.log}.
 */
public class ProviderSimulatorResource implements QuarkusTestResourceLifecycleManager {

    public static final Path LOG = Path.of("target", "provider-simulator.log");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private static AppProcess simulator;

    /** The simulator's base URL; started on first use, stopped when the test JVM exits. */
    public static synchronized String url() {
        if (simulator == null) {
            simulator = new AppProcess("provider-simulator", Map.of(), LOG).start(START_TIMEOUT);
            Runtime.getRuntime().addShutdownHook(new Thread(simulator::stop, "provider-simulator-stop"));
        }
        return simulator.url();
    }

    @Override
    public Map<String, String> start() {
        return Map.of("esscard.providers.url", url());
    }

    @Override
    public void stop() {
        // shared by every Quarkus app of this test JVM; stopped when the JVM exits
    }
}

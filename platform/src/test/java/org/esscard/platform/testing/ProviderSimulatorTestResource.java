package org.esscard.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs the packaged provider-simulator as a process for the tests of a service that calls external
 * vendors, and points the service's vendor URLs at it ({@code esscard.providers.url}). The reactor builds
 * the simulator first; a module declares that with a pom-type dependency (see identity/notification poms).
 */
public class ProviderSimulatorTestResource implements QuarkusTestResourceLifecycleManager {

    /** The simulator's log, e.g. for a test that proves no card number reached it in clear. */
    public static final Path LOG = Path.of("target", "provider-simulator.log");

    private static QuarkusAppProcess simulator;

    /** The simulator's base URL, e.g. to read the SMS it received as a person reads their phone. */
    public static synchronized String url() {
        if (simulator == null) {
            Path root = QuarkusAppProcess.root();
            Path logs = Path.of("target");
            try {
                Files.createDirectories(logs);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            simulator = new QuarkusAppProcess("provider-simulator", root, QuarkusAppProcess.freePort(), Map.of(), logs);
            simulator.start(Duration.ofSeconds(60));
            Runtime.getRuntime().addShutdownHook(new Thread(simulator::stop, "simulator-stop"));
        }
        return simulator.url("");
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

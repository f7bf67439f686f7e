package org.esscard.identity.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Quarkus app of the suite ({@code <module>/target/quarkus-app/quarkus-run.jar}) run as its own JVM
 * on a free port, as the run command runs it; ready once {@code /q/health/ready} answers 200.
 */
public final class AppProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String module;
    private final Path jar;
    private final Map<String, String> env;
    private final Path log;
    private final int port;
    private Process process;

    /**
     * @param module the suite's module, e.g. {@code provider-simulator}
     * @param env    environment variables, as an operator would set them
     * @param log    where the app's output goes (appended)
     */
    public AppProcess(String module, Map<String, String> env, Path log) {
        this.module = module;
        this.jar = root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        this.env = env;
        this.log = log;
        this.port = freePort();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build " + module + " first (./mvnw -pl " + module + " install)");
        }
    }

    /** The suite's checkout, as surefire and failsafe pass it. */
    public static Path root() {
        return Path.of(System.getProperty("esscard.root", "..")).toAbsolutePath().normalize();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the JVM (again, on the same port) and waits until it is ready. */
    public synchronized AppProcess start(Duration timeout) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            if (ready()) {
                return this;
            }
            sleep(100);
        }
        kill();
        throw new IllegalStateException(module + " not ready after " + timeout + "; see " + log.toAbsolutePath());
    }

    /** Ends the JVM at once, as a crash or an evicted pod would: no shutdown hooks, nothing flushed. */
    public synchronized void kill() {
        end(true);
    }

    /** Stops the JVM as Kubernetes would: SIGTERM, then SIGKILL after a grace period. */
    public synchronized void stop() {
        end(false);
    }

    private void end(boolean forcibly) {
        if (process == null) {
            return;
        }
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private boolean ready() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.esscard.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One of the suite's packaged Quarkus apps, run as its own JVM exactly as the run command runs it. */
public final class QuarkusAppProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> env;
    private final Path log;
    private Process process;
    private Duration startTime;

    /**
     * @param name   the app's module, e.g. {@code permit-service}
     * @param root   the suite's checkout (system property {@code esscard.root})
     * @param logDir where {@code <name>.log} goes
     */
    public QuarkusAppProcess(String name, Path root, int port, Map<String, String> env, Path logDir) {
        this.name = name;
        this.jar = root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        this.port = port;
        this.env = new HashMap<>(env);
        this.env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        this.env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        this.log = logDir.resolve(name + ".log");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw verify builds them)");
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public Duration startTime() {
        return startTime;
    }

    /** Starts the JVM and waits until its readiness probe answers 200. */
    public synchronized void start(Duration timeout) {
        long begin = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = begin + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (readiness() == 200) {
                startTime = Duration.ofNanos(System.nanoTime() - begin);
                return;
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + "; see " + log);
    }

    /** HTTP status of {@code /q/health/ready}, or -1 when the service does not answer. */
    public int readiness() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url("/q/health/ready"))).timeout(Duration.ofSeconds(5)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The JVM's process id, or -1 before {@link #start}. */
    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Resident memory of the service's JVM in MiB, from /proc. */
    public long rssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** The suite's checkout, as surefire and failsafe pass it. */
    public static Path root() {
        return Path.of(System.getProperty("esscard.root", "..")).toAbsolutePath().normalize();
    }

    /** A port nothing listens on now. */
    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends a child process as Kubernetes would: SIGTERM, then SIGKILL after a 20 s grace period. */
    static void terminate(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the service at once (SIGKILL), as a crash would: nothing gets to shut down cleanly. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Stops the service as Kubernetes would: SIGTERM, then SIGKILL after a grace period. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        QuarkusAppProcess.terminate(process);
        process = null;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

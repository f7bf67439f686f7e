package org.esscard.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.esscard.platform.testing.QuarkusAppProcess;

/**
 * The suite's own PostgreSQL server for the end-to-end run ({@code deploy/local/pg-instance.sh}): a data directory
 * and port of its own, so a fault test can stop and restart the database every service uses without touching the
 * machine's server or anything else running on it.
 */
public final class PostgresServer {

    private final Path script;
    private final Path dataDir;
    private final int port;
    private final List<String> databases;

    public PostgresServer(List<String> databases) {
        this.script = QuarkusAppProcess.root().resolve("deploy/local/pg-instance.sh");
        this.port = QuarkusAppProcess.freePort();
        this.databases = List.copyOf(databases);
        removeOrphans(script);
        try {
            // under the temporary directory: the server runs as the OS user postgres, who must reach it
            Path dir = Files.createTempDirectory(PREFIX);
            Files.writeString(dir.resolveSibling(dir.getFileName() + OWNER), String.valueOf(ProcessHandle.current().pid()));
            this.dataDir = dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String PREFIX = "esscard-e2e-pg-";
    private static final String OWNER = ".owner";

    /**
     * Stops and deletes the servers of earlier test JVMs that died without their shutdown hook (SIGKILL, a
     * cancelled build): each data directory has an owner file with its JVM's pid.
     */
    private static void removeOrphans(Path script) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (var owners = Files.list(tmp)) {
            for (Path owner : owners.filter(p -> p.getFileName().toString().startsWith(PREFIX) && p.toString().endsWith(OWNER)).toList()) {
                long pid;
                try {
                    pid = Long.parseLong(Files.readString(owner).trim());
                } catch (IOException | NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                Path dir = Path.of(owner.toString().substring(0, owner.toString().length() - OWNER.length()));
                exec(List.of("bash", script.toString(), "stop", dir.toString()));
                delete(dir);
                Files.deleteIfExists(owner);
            }
        } catch (IOException e) {
            // nothing to clean, or not allowed to: not this run's concern
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }

    /** Stops the server and deletes its data: at the end of the test JVM. */
    public void destroy() {
        stop();
        delete(dataDir);
        try {
            Files.deleteIfExists(dataDir.resolveSibling(dataDir.getFileName() + OWNER));
            Files.deleteIfExists(dataDir.resolveSibling(dataDir.getFileName() + ".initdb.log"));
        } catch (IOException ignored) {
            // best effort
        }
    }

    public int port() {
        return port;
    }

    /** JDBC URL of one of the suite's databases, for tests that read what a service stored. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Path log() {
        return dataDir.resolve("server.log");
    }

    public void start() {
        List<String> command = new ArrayList<>(List.of("bash", script.toString(), "start", dataDir.toString(), String.valueOf(port)));
        command.addAll(databases);
        run(command);
    }

    /** A fast shutdown: every connection of every service is cut at once. */
    public void stop() {
        run(List.of("bash", script.toString(), "stop", dataDir.toString()));
    }

    public boolean running() {
        return exec(List.of("bash", script.toString(), "status", dataDir.toString())) == 0;
    }

    private static void run(List<String> command) {
        int exit = exec(command);
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
        }
    }

    private static int exec(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}

package org.esscard.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real single-node KRaft Kafka broker, run as a child process from the jars that the
 * {@code deploy/local/kafka-broker} module resolves from Maven Central. One per test JVM; it keeps its
 * ports and data across {@link #stop()} and {@link #start()}, so tests can take the broker away and
 * bring it back as an outage would.
 */
public final class KafkaBrokerProcess {

    private static KafkaBrokerProcess shared;

    private final Path libs;
    private final Path home;
    private final int port;
    private final int controllerPort;
    private Process process;

    private KafkaBrokerProcess(Path libs, Path home) {
        this.libs = libs;
        this.home = home;
        this.port = freePort();
        this.controllerPort = freePort();
    }

    /** The broker of this test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized KafkaBrokerProcess shared() {
        if (shared == null) {
            Path root = Path.of(System.getProperty("esscard.root", "..")).toAbsolutePath().normalize();
            Path libs = root.resolve("deploy/local/kafka-broker/target/libs");
            if (!Files.isDirectory(libs)) {
                throw new IllegalStateException("Kafka broker jars missing at " + libs
                        + ": run ./mvnw -B -q install -pl deploy/local/kafka-broker first (the full build does it)");
            }
            try {
                Path home = Files.createTempDirectory("esscard-kafka-test-");
                shared = new KafkaBrokerProcess(libs, home);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            shared.format();
            shared.start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "kafka-broker-stop"));
        }
        return shared;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /** Starts the broker (again) on the same ports and data, and waits until it serves metadata. */
    public synchronized void start() {
        if (running()) {
            return;
        }
        try {
            process = java("kafka.Kafka", home.resolve("server.properties").toString())
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("broker.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a minute was not enough with six engineers' builds on two cores (load average 30-40)
        awaitReady(Duration.ofSeconds(180));
    }

    /** Stops the broker the way an operator would (SIGTERM), or kills it when it does not go in time. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        QuarkusAppProcess.terminate(process);
        process = null;
        awaitPortClosed();
    }

    private void format() {
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + home.resolve("data"),
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "");
        try {
            Files.writeString(home.resolve("server.properties"), properties);
            Process formatting = java("kafka.tools.StorageTool", "format", "-t", clusterId(),
                    "-c", home.resolve("server.properties").toString())
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("format.log").toFile()))
                    .start();
            if (!formatting.waitFor(60, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
                throw new IllegalStateException("formatting Kafka storage failed: " + Files.readString(home.resolve("format.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A Kafka cluster id: 16 random bytes in URL-safe base64, as {@code StorageTool random-uuid} prints. */
    private static String clusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16)
                    .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
            // the storage tool would read an id starting with '-' as an option (1 start in 64)
            if (id.charAt(0) != '-') {
                return id;
            }
        }
    }

    private ProcessBuilder java(String mainClass, String... args) throws IOException {
        Path log4j = home.resolve("log4j2.properties");
        if (!Files.exists(log4j)) {
            Files.writeString(log4j, String.join("\n",
                    "status=warn",
                    "appender.file.type=File",
                    "appender.file.name=file",
                    "appender.file.fileName=" + home.resolve("server.log"),
                    "appender.file.layout.type=PatternLayout",
                    "appender.file.layout.pattern=[%d] %p %m (%c)%n",
                    "rootLogger.level=warn",
                    "rootLogger.appenderRef.file.ref=file",
                    "logger.kafka.name=kafka",
                    "logger.kafka.level=info",
                    ""));
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + log4j,
                "-cp", libs.resolve("*").toString(),
                mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000))) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka broker exited with " + process.exitValue() + "; see " + home.resolve("broker.log"));
                }
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    sleep(200);
                }
            }
        }
        throw new IllegalStateException("Kafka broker not ready after " + timeout + "; see " + home.resolve("broker.log"));
    }

    private void awaitPortClosed() {
        for (int i = 0; i < 100; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            } catch (IOException closed) {
                return;
            }
            sleep(100);
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

package org.esscard.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.resource.ResourcePatternFilter;

/**
 * A real single-node KRaft Kafka broker, run as a child process from the jars that the
 * {@code deploy/local/kafka-broker} module resolves from Maven Central. One per test JVM; it keeps its
 * ports and data across {@link #stop()} and {@link #start()}, so tests can take the broker away and
 * bring it back as an outage would. {@link #secured} starts another one that, like the chart's Strimzi cluster,
 * lets clients in only with SCRAM-SHA-512 and authorises them by ACLs (KRaft's {@code StandardAuthorizer}).
 */
public final class KafkaBrokerProcess {

    /** The SCRAM mechanism of the secured broker's client listener, as the chart's listener asks for it. */
    public static final String SCRAM = "SCRAM-SHA-512";

    private static KafkaBrokerProcess shared;
    private static KafkaBrokerProcess sharedSecured;

    private final Path libs;
    private final Path home;
    private final int port;
    private final int controllerPort;
    /** null: one PLAINTEXT listener that anyone may use for anything */
    private final Login superUser;
    private Process process;

    /** A SCRAM user name and password. */
    public record Login(String user, String password) {
        public Login {
            // both travel inside the JAAS line and the storage tool's --add-scram argument unquoted
            if (!user.matches("[A-Za-z0-9._-]+") || !password.matches("[A-Za-z0-9]+")) {
                throw new IllegalArgumentException("a login of letters, digits and . _ - only");
            }
        }

        /** The JAAS line a client logs in with (what Strimzi puts under sasl.jaas.config in a KafkaUser's Secret). */
        public String jaasConfig() {
            return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\"" + password + "\";";
        }
    }

    private KafkaBrokerProcess(Path libs, Path home, Login superUser) {
        this.libs = libs;
        this.home = home;
        this.superUser = superUser;
        this.port = freePort();
        this.controllerPort = freePort();
    }

    /** The broker of this test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized KafkaBrokerProcess shared() {
        if (shared == null) {
            shared = launch(null);
        }
        return shared;
    }

    /**
     * A broker of its own (not the shared one) whose only client listener is SASL_PLAINTEXT with SCRAM-SHA-512 and
     * whose authorizer is KRaft's {@code StandardAuthorizer} with no ACL granting anything: only {@code superUser}
     * (created with the storage, a super user) may do anything until it creates users and ACLs. Stopped when the JVM
     * exits.
     */
    public static KafkaBrokerProcess secured(Login superUser) {
        return launch(superUser);
    }

    /** One {@link #secured} broker for the tests of this JVM that need a login, with a super user of random password. */
    public static synchronized KafkaBrokerProcess sharedSecured() {
        if (sharedSecured == null) {
            sharedSecured = secured(new Login("esscard-admin", randomPassword()));
        }
        return sharedSecured;
    }

    /** 32 letters and digits. */
    public static String randomPassword() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    /**
     * Creates a SCRAM-SHA-512 user on this (secured) broker with the given ACL bindings, and waits until the broker
     * enforces the bindings and lets the user in.
     */
    public Login createUser(String user, List<AclBinding> acls) {
        Login login = new Login(user, randomPassword());
        AclBindingFilter ofUser = new AclBindingFilter(ResourcePatternFilter.ANY,
                new AccessControlEntryFilter("User:" + user, null, AclOperation.ANY, AclPermissionType.ANY));
        try (Admin admin = Admin.create(adminConfig())) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), login.password()))).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
            int distinct = new HashSet<>(acls).size();
            // the credential and the bindings reach the broker's metadata a moment after the controller has them
            awaitTrue(() -> admin.describeAcls(ofUser).values().get(3, TimeUnit.SECONDS).size() == distinct, "the ACLs of " + user);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("creating Kafka user " + user, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Map<String, Object> config = clientConfig(login);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        try (Admin admin = Admin.create(config)) {
            awaitTrue(() -> !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty(), user + " logging in");
        }
        return login;
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private void awaitTrue(Check check, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (Exception notYet) {
                // not yet
            }
            sleep(100);
        }
        throw new IllegalStateException(what + ": not within 30 s; see " + home.resolve("server.log"));
    }

    private static KafkaBrokerProcess launch(Login superUser) {
        Path root = Path.of(System.getProperty("esscard.root", "..")).toAbsolutePath().normalize();
        Path libs = root.resolve("deploy/local/kafka-broker/target/libs");
        if (!Files.isDirectory(libs)) {
            throw new IllegalStateException("Kafka broker jars missing at " + libs
                    + ": run ./mvnw -B -q install -pl deploy/local/kafka-broker first (the full build does it)");
        }
        KafkaBrokerProcess broker;
        try {
            broker = new KafkaBrokerProcess(libs, Files.createTempDirectory("esscard-kafka-test-"), superUser);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        broker.format();
        broker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "kafka-broker-stop"));
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Client settings for this broker: where it is and, on a secured broker, the login. */
    public Map<String, Object> clientConfig(Login login) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        if (superUser != null) {
            config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
            config.put(SaslConfigs.SASL_MECHANISM, SCRAM);
            config.put(SaslConfigs.SASL_JAAS_CONFIG, login.jaasConfig());
        }
        return config;
    }

    /** Client settings with every right: the super user on a secured broker. */
    public Map<String, Object> adminConfig() {
        return clientConfig(superUser);
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
                listenerProperties(),
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
            List<String> arguments = new ArrayList<>(List.of("format", "-t", clusterId(), "-c", home.resolve("server.properties").toString()));
            if (superUser != null) {
                // the super user's SCRAM credential is in the metadata before the broker first starts
                arguments.addAll(List.of("--add-scram", SCRAM + "=[name=" + superUser.user() + ",password=" + superUser.password() + "]"));
            }
            Process formatting = java("kafka.tools.StorageTool", arguments.toArray(String[]::new))
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

    /**
     * The listeners. Secured: clients on SASL_PLAINTEXT with SCRAM-SHA-512 (the broker's own connections too, as the
     * super user) and the controller on SASL_PLAINTEXT with PLAIN for the same super user, so no principal but the
     * super user gets past the authorizer unchecked (a PLAINTEXT controller would need User:ANONYMOUS as a super user).
     */
    private String listenerProperties() {
        if (superUser == null) {
            return String.join("\n",
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        }
        String user = superUser.user();
        String password = superUser.password();
        return String.join("\n",
                "listeners=CLIENTS://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=CLIENTS://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=CLIENTS",
                "listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,CLIENTS:SASL_PLAINTEXT",
                "listener.name.clients.sasl.enabled.mechanisms=" + SCRAM,
                "sasl.mechanism.inter.broker.protocol=" + SCRAM,
                "listener.name.clients.scram-sha-512.sasl.jaas.config=" + superUser.jaasConfig(),
                "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                "sasl.mechanism.controller.protocol=PLAIN",
                "listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"" + user + "\" password=\"" + password + "\" user_" + user + "=\"" + password + "\";",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users=User:" + user,
                "allow.everyone.if.no.acl.found=false");
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
        Map<String, Object> config = adminConfig();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        try (Admin admin = Admin.create(config)) {
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

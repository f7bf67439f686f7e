package org.esscard.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Keycloak (org.keycloak:keycloak-quarkus-dist from Maven Central) as the login peer: started on this machine against
 * the same PostgreSQL, with Argon2id at account-service's parameters set through its password-hashing SPI options, a
 * realm whose password policy names argon2, a public client allowed the password grant, and users with the bench
 * password. The zip is cached under ~/.cache/esscard-bench and unpacked under target/, never committed.
 */
public final class Keycloak implements AutoCloseable {

    public static final String VERSION = System.getProperty("bench.keycloak.version", "26.5.6");
    private static final String REALM = "bench";
    private static final String DATABASE = "esscard_bench_keycloak";

    private final Process process;
    private final int port;
    private final String adminPassword;
    private final Path log;

    private Keycloak(Process process, int port, String adminPassword, Path log) {
        this.process = process;
        this.port = port;
        this.adminPassword = adminPassword;
        this.log = log;
    }

    /** A JDK that runs this Keycloak (21 or newer): BENCH_KEYCLOAK_JAVA_HOME, else the first under /usr/lib/jvm. */
    public static Optional<Path> javaHome() {
        String configured = System.getenv("BENCH_KEYCLOAK_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        if (Runtime.version().feature() >= 21) {
            return Optional.of(Path.of(System.getProperty("java.home")));
        }
        try (var dirs = Files.list(Path.of("/usr/lib/jvm"))) {
            return dirs.filter(d -> featureVersion(d) >= 21).sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int featureVersion(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return Integer.parseInt(line.replaceAll("JAVA_VERSION=\"?(\\d+).*", "$1"));
                }
            }
        } catch (Exception e) {
            return 0;
        }
        return 0;
    }

    /** Downloads (once), unpacks, starts Keycloak on a free port and waits until it answers. */
    public static Keycloak start(Path root, Path javaHome, Path work) throws Exception {
        Path home = unpack(download(), work);
        recreateDatabase();
        int port = freePort();
        String adminPassword = UUID.randomUUID().toString();
        Path log = work.resolve("keycloak.log");
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + freePort(),
                "--db=postgres", "--db-url=jdbc:postgresql://127.0.0.1:5432/" + DATABASE, "--db-username=esscard", "--db-password=esscard",
                // account-service's Argon2id: 19 MiB, 2 iterations, 1 lane; hashes at once: one per core, as account-service
                "--spi-password-hashing--argon2--memory=" + HashBound.MEMORY_KIB,
                "--spi-password-hashing--argon2--iterations=" + HashBound.ITERATIONS,
                "--spi-password-hashing--argon2--parallelism=" + HashBound.PARALLELISM));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        Process process = builder.start();
        Keycloak keycloak = new Keycloak(process, port, adminPassword, log);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (Http.status(keycloak.url("/realms/master")) != 200) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                keycloak.close();
                throw new IllegalStateException("Keycloak did not start; see " + log);
            }
            Thread.sleep(500);
        }
        return keycloak;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public String tokenUrl() {
        return url("/realms/" + REALM + "/protocol/openid-connect/token");
    }

    public long pid() {
        return process.descendants().filter(p -> p.info().command().orElse("").endsWith("java")).findFirst()
                .map(ProcessHandle::pid).orElse(process.pid());
    }

    /**
     * The realm, the client and {@code count} users with {@code password}; returns the user names. The hash parameters
     * Keycloak stored are read back through the admin API: {@link #storedHashParameters()}.
     */
    public List<String> realmWithUsers(int count, String password) {
        String admin = adminToken();
        Http.postJson(url("/admin/realms"), admin, "{\"realm\":\"" + REALM + "\",\"enabled\":true,\"passwordPolicy\":\"hashAlgorithm(argon2)\","
                + "\"bruteForceProtected\":false}").expect(201);
        Http.postJson(url("/admin/realms/" + REALM + "/clients"), admin,
                "{\"clientId\":\"bench\",\"publicClient\":true,\"directAccessGrantsEnabled\":true,\"standardFlowEnabled\":false}").expect(201);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String user = String.format("holder%04d", i);
            Http.postJson(url("/admin/realms/" + REALM + "/users"), admin, "{\"username\":\"" + user + "\",\"enabled\":true,"
                    + "\"email\":\"" + user + "@bench.example\",\"emailVerified\":true,\"firstName\":\"Bench\",\"lastName\":\"Holder\","
                    + "\"credentials\":[{\"type\":\"password\",\"value\":" + Http.json(password) + ",\"temporary\":false}]}").expect(201);
            users.add(user);
        }
        return users;
    }

    /** The credentialData Keycloak stored for the first user's password: algorithm, iterations, memory, parallelism. */
    public String storedHashParameters() {
        String admin = adminToken();
        String id = Http.get(url("/admin/realms/" + REALM + "/users?username=holder0000&exact=true"), admin).expect(200).field("id");
        String credentials = Http.get(url("/admin/realms/" + REALM + "/users/" + id + "/credentials"), admin).expect(200).body();
        int at = credentials.indexOf("\"credentialData\"");
        if (at < 0) {
            return credentials;
        }
        // a JSON string holding JSON: read up to its closing quote, then undo the escapes
        int start = credentials.indexOf('"', credentials.indexOf(':', at)) + 1;
        StringBuilder data = new StringBuilder();
        for (int i = start; i < credentials.length() && credentials.charAt(i) != '"'; i++) {
            char c = credentials.charAt(i);
            if (c == '\\' && i + 1 < credentials.length()) {
                c = credentials.charAt(++i);
            }
            data.append(c);
        }
        return data.toString();
    }

    private String adminToken() {
        return Http.post(url("/realms/master/protocol/openid-connect/token"), null, "application/x-www-form-urlencoded",
                "grant_type=password&client_id=admin-cli&username=admin&password=" + URLEncoder.encode(adminPassword, StandardCharsets.UTF_8))
                .expect(200).field("access_token");
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path download() throws Exception {
        Path cache = Path.of(System.getProperty("user.home"), ".cache/esscard-bench");
        Files.createDirectories(cache);
        Path zip = cache.resolve("keycloak-quarkus-dist-" + VERSION + ".zip");
        if (Files.isRegularFile(zip)) {
            return zip;
        }
        String repo = System.getProperty("bench.maven.repo", "https://repo.maven.apache.org/maven2");
        URI uri = URI.create(repo + "/org/keycloak/keycloak-quarkus-dist/" + VERSION + "/keycloak-quarkus-dist-" + VERSION + ".zip");
        System.out.println("    downloading " + uri);
        Path part = cache.resolve(zip.getFileName() + ".part");
        HttpResponse<Path> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofFile(part));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("downloading " + uri + " answered " + response.statusCode());
        }
        Files.move(part, zip, StandardCopyOption.REPLACE_EXISTING);
        return zip;
    }

    private static Path unpack(Path zip, Path work) throws IOException {
        Path home = work.resolve("keycloak-" + VERSION);
        if (Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            return home;
        }
        Files.createDirectories(work);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                // the zip's top folder is keycloak-<version>
                Path target = work.resolve(entry.getName()).normalize();
                if (!target.startsWith(work)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return home;
    }

    private static void recreateDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "esscard", "esscard")) {
            c.createStatement().execute("drop database if exists " + DATABASE + " with (force)");
            c.createStatement().execute("create database " + DATABASE);
        }
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

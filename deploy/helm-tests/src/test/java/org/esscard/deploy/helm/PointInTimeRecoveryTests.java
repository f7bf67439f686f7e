package org.esscard.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.esscard.deploy.helm.support.HelmChart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runbook's point-in-time recovery (docs/KUBERNETES.md) rehearsed on the machine's PostgreSQL with
 * {@code deploy/local/pg-pitr.sh}: WAL archived into a folder (the object store), a base backup, more writes, a
 * moment noted, writes after it, then a new server restored from the base backup and the archive to that moment.
 * What CloudNativePG and the Barman Cloud plugin add (the object store, the plugin's archiver, the operator's
 * bootstrap) is not here: no cluster runs in this build.
 */
class PointInTimeRecoveryTests {

    private static final Path SCRIPT = HelmChart.ROOT.resolve("deploy/local/pg-pitr.sh");
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private Path work;
    private Path primary;
    private Path restored;

    @BeforeEach
    void makeWorkDirectory() throws IOException {
        work = Files.createTempDirectory("esscard-pitr-");
        // the servers run as the OS user postgres when the build runs as root: it must reach the folders inside
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        primary = work.resolve("primary");
        restored = work.resolve("restored");
    }

    @AfterEach
    void stopServersAndDelete() throws IOException {
        script("stop", primary.toString());
        script("stop", restored.toString());
        try (Stream<Path> paths = Files.walk(work)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aRestoreToANotedMomentHasExactlyTheRowsCommittedBeforeIt() throws Exception {
        Path archive = work.resolve("archive");
        Path backup = work.resolve("base");
        int primaryPort = freePort();
        script("primary", primary.toString(), String.valueOf(primaryPort), archive.toString());
        try (Connection db = connect(primaryPort)) {
            execute(db, "create table permit_event (id int primary key, note text not null)");
            insert(db, 1, 100, "before the base backup");

            script("base-backup", String.valueOf(primaryPort), backup.toString());
            insert(db, 101, 200, "after the base backup");
            // the moment an operator would read off a log line: after the last good commit, before the bad ones
            String target = query(db, "select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'");
            insert(db, 201, 300, "after the target");
            execute(db, "delete from permit_event where id <= 50");
            // recovery stops at the first commit after the target, so that commit must be in the archive
            String lastSegment = query(db, "select pg_walfile_name(pg_switch_wal())");
            awaitArchived(db, lastSegment);

            int restoredPort = freePort();
            script("restore", backup.toString(), archive.toString(), restored.toString(), String.valueOf(restoredPort), target);
            try (Connection copy = awaitPromoted(restoredPort)) {
                assertThat(query(copy, "select count(*) from permit_event")).isEqualTo("200");
                assertThat(query(copy, "select min(id) || '-' || max(id) from permit_event")).isEqualTo("1-200");
                assertThat(query(copy, "select count(*) from permit_event where note = 'after the target'")).isEqualTo("0");
                // promoted: the restored copy takes writes, as the services need once they switch to it
                execute(copy, "insert into permit_event values (301, 'written to the restored copy')");
                assertThat(query(copy, "select count(*) from permit_event")).isEqualTo("201");
            }
            assertThat(query(db, "select count(*) from permit_event")).as("the source is untouched").isEqualTo("250");
        }
    }

    private static void insert(Connection db, int from, int to, String note) throws SQLException {
        execute(db, "insert into permit_event select i, '" + note + "' from generate_series(" + from + ", " + to + ") i");
    }

    private static void awaitArchived(Connection db, String segment) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            String archived = query(db, "select coalesce(last_archived_wal, '') from pg_stat_archiver");
            if (archived.compareTo(segment) >= 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("WAL segment " + segment + " not archived within " + PATIENCE);
    }

    /** The restored server, once it has replayed to the target and been promoted (it answers before that, read-only). */
    private static Connection awaitPromoted(int port) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Connection copy = connect(port);
                if ("f".equals(query(copy, "select pg_is_in_recovery()"))) {
                    return copy;
                }
                copy.close();
            } catch (SQLException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the restored server was not promoted within " + PATIENCE);
    }

    private static Connection connect(int port) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String query(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void script(String... args) {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

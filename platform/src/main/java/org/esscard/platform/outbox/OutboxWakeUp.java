package org.esscard.platform.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import org.postgresql.PGConnection;

import io.quarkus.logging.Log;

/**
 * The relay's wake-up: a connection of its own that LISTENs on {@code esscard_outbox}, which the outbox table's
 * trigger notifies when an insert commits ({@code R__platform_outbox_wake_up.sql}). {@link #await} returns at the
 * first notification or after the poll interval, whichever comes first, so the poll stays as the safety net: a
 * lost connection, a pooler that does not pass LISTEN through, or a missed notification costs one interval at most.
 */
final class OutboxWakeUp implements AutoCloseable {

    static final String CHANNEL = "esscard_outbox";
    private static final long RECONNECT_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private final String url;
    private final Properties credentials = new Properties();
    private Connection connection;
    private long lastAttemptNanos;
    private boolean warned;

    OutboxWakeUp(String jdbcUrl, String username, String password) {
        this.url = jdbcUrl;
        if (username != null) {
            credentials.setProperty("user", username);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
    }

    /** Waits for a committed outbox insert, at most {@code max}; {@code true} when one was notified. */
    boolean await(Duration max) throws InterruptedException {
        PGConnection listening = listening();
        if (listening == null) {
            Thread.sleep(max.toMillis());
            return false;
        }
        try {
            int millis = (int) Math.max(1, max.toMillis());
            // every pending notification is drained: a burst of commits is one wake-up
            boolean notified = any(listening.getNotifications(millis));
            while (notified && any(listening.getNotifications(1))) {
                // drained
            }
            return notified;
        } catch (SQLException e) {
            Log.warnf("outbox relay: the wake-up connection failed, polling only until it is back: %s", e.getMessage());
            close();
            return false;
        }
    }

    /** pgjdbc answers an empty array, or null in older versions, when nothing was notified. */
    private static boolean any(org.postgresql.PGNotification[] notifications) {
        return notifications != null && notifications.length > 0;
    }

    private PGConnection listening() {
        if (connection != null) {
            return unwrap(connection);
        }
        if (url == null || System.nanoTime() - lastAttemptNanos < RECONNECT_EVERY_NANOS && lastAttemptNanos != 0) {
            return null;
        }
        lastAttemptNanos = System.nanoTime();
        try {
            Connection c = new org.postgresql.Driver().connect(url, credentials);
            try (Statement listen = c.createStatement()) {
                listen.execute("listen " + CHANNEL);
            }
            connection = c;
            warned = false;
            return unwrap(c);
        } catch (SQLException | RuntimeException e) {
            if (!warned) {
                Log.warnf("outbox relay: cannot LISTEN for wake-ups (%s); polling only", e.getMessage());
                warned = true;
            }
            return null;
        }
    }

    private static PGConnection unwrap(Connection c) {
        try {
            return c.unwrap(PGConnection.class);
        } catch (SQLException e) {
            throw new IllegalStateException("not a PostgreSQL connection", e);
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // it is gone either way
            }
            connection = null;
        }
    }
}

package org.esscard.platform.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * What waits in the outbox, as two gauges the alert rules watch (issue 15): {@code esscard_outbox_backlog} (rows not
 * yet acknowledged by Kafka) and {@code esscard_outbox_oldest_age_seconds} (how long the oldest of them has waited,
 * 0 when none). Read from the database by the relay's own thread at most once per {@code every}, whether or not
 * publishing works, so the figures keep moving through a broker outage; a failed read keeps the last figures.
 */
final class OutboxBacklog {

    private final DataSource dataSource;
    private final Clock clock;
    private final long everyNanos;
    private volatile double rows;
    private volatile double oldestAgeSeconds;
    private long nextReadNanos = System.nanoTime();

    OutboxBacklog(DataSource dataSource, Clock clock, Duration every, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.everyNanos = every.toNanos();
        Gauge.builder("esscard.outbox.backlog", this, b -> b.rows)
                .description("Outbox rows not yet acknowledged by Kafka").register(registry);
        Gauge.builder("esscard.outbox.oldest.age", this, b -> b.oldestAgeSeconds)
                .description("How long the oldest outbox row has waited for Kafka (0: none waits)").baseUnit("seconds")
                .register(registry);
    }

    /** Reads the figures again when {@code every} has passed since the last read. */
    void refreshIfDue() {
        long now = System.nanoTime();
        if (now - nextReadNanos < 0) {
            return;
        }
        nextReadNanos = now + everyNanos;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select count(*), min(created_at) from outbox_message");
                ResultSet rs = select.executeQuery()) {
            rs.next();
            long count = rs.getLong(1);
            Timestamp oldest = rs.getTimestamp(2);
            rows = count;
            oldestAgeSeconds = oldest == null ? 0
                    : Math.max(0, Duration.between(oldest.toInstant(), clock.instant()).toMillis() / 1000.0);
        } catch (SQLException e) {
            Log.debugf("outbox backlog not read: %s", e.getMessage());
        }
    }

    double rows() {
        return rows;
    }

    double oldestAgeSeconds() {
        return oldestAgeSeconds;
    }
}

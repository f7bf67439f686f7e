package org.esscard.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.esscard.platform.tracing.TraceContext;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;

/**
 * Publishes the outbox to Kafka, one batch per database transaction.
 *
 * <p>Relays of several replicas take turns: a transaction-scoped advisory lock lets one of them publish
 * at a time, which keeps the order of each key's events (rows leave in id order, on one idempotent
 * producer). Rows are locked {@code FOR UPDATE SKIP LOCKED} as well, so even a relay that ignored the
 * lock could not take rows another one holds. A row is deleted only after Kafka acknowledged it; when
 * anything fails the transaction rolls back and the whole batch is tried again later: delivery is at
 * least once, consumers are idempotent.
 *
 * <p>Order per key holds for the first delivery of each event as long as a failed batch is not followed by
 * more sends on the same producer: the batch stops at its first failed record, and {@link OutboxRelay}
 * replaces the producer after any failure so nothing queued in it can land behind the failure.
 * Redelivered events may repeat after later ones; consumers compare the snapshot's version.
 *
 * <p>A row written under a trace ({@code traceparent}) is sent in a {@code publish} span of that trace, whose context
 * the record carries as its {@code traceparent} header: the consumer's span continues it.
 */
public final class OutboxPublisher {

    /** Result of {@link #publishBatch()} when another relay holds the outbox. */
    public static final int BUSY = -1;

    /** pg advisory lock id of the outbox relay: the bytes of "esscard1". */
    static final long RELAY_LOCK = 0x6573736361726431L;

    static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    private final DataSource dataSource;
    private final Producer<String, String> producer;
    private final int batchSize;
    private final Duration sendTimeout;
    private final Tracer tracer;

    public OutboxPublisher(DataSource dataSource, Producer<String, String> producer, int batchSize, Duration sendTimeout) {
        this(dataSource, producer, batchSize, sendTimeout, TracerProvider.noop().get("esscard-outbox"));
    }

    public OutboxPublisher(DataSource dataSource, Producer<String, String> producer, int batchSize, Duration sendTimeout,
            Tracer tracer) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.batchSize = batchSize;
        this.sendTimeout = sendTimeout;
        this.tracer = tracer;
    }

    /**
     * Publishes up to one batch.
     *
     * @return rows published, or {@link #BUSY} when another relay is publishing now
     * @throws OutboxPublishException when Kafka or the database failed; nothing was deleted
     */
    public int publishBatch() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int published = publishLocked(connection);
                connection.commit();
                return published;
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new OutboxPublishException("outbox database access failed", e);
        }
    }

    private int publishLocked(Connection connection) throws SQLException {
        if (!tryRelayLock(connection)) {
            return BUSY;
        }
        List<Row> rows = nextRows(connection);
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        List<Span> spans = new ArrayList<>();
        try {
            for (Row row : rows) {
                ProducerRecord<String, String> record = row.toRecord();
                if (row.traceparent() != null) {
                    Span span = TraceContext.under(tracer.spanBuilder(row.topic() + " publish"), row.traceparent())
                            .setSpanKind(SpanKind.PRODUCER)
                            .setAttribute("messaging.system", "kafka")
                            .setAttribute("messaging.destination.name", row.topic())
                            .setAttribute("messaging.kafka.message.key", row.key())
                            .setAttribute("messaging.operation.type", "publish")
                            .startSpan();
                    spans.add(span);
                    TraceContext.toHeaders(span, record.headers());
                }
                Future<RecordMetadata> ack = producer.send(record);
                // send() reports most failures (e.g. no metadata while the broker is away) as a failed future:
                // sending on after one would let later rows of a key overtake it
                if (ack.isDone()) {
                    failIfFailed(ack);
                }
                acks.add(ack);
            }
            awaitAll(acks);
        } catch (RuntimeException e) {
            spans.forEach(span -> span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage())));
            throw e;
        } finally {
            spans.forEach(Span::end);
        }
        delete(connection, rows);
        return rows.size();
    }

    private static boolean tryRelayLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private List<Row> nextRows(Connection connection) throws SQLException {
        String sql = "select id, topic, message_key, payload, traceparent from outbox_message order by id limit ? for update skip locked";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setInt(1, batchSize);
            try (ResultSet rs = select.executeQuery()) {
                List<Row> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
                return rows;
            }
        }
    }

    private static void failIfFailed(Future<RecordMetadata> ack) {
        try {
            ack.get();
        } catch (ExecutionException e) {
            throw new OutboxPublishException("Kafka refused a record: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboxPublishException("interrupted while sending to Kafka", e);
        }
    }

    private void awaitAll(List<Future<RecordMetadata>> acks) {
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            throw new OutboxPublishException("Kafka refused the batch: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new OutboxPublishException("Kafka did not acknowledge the batch within " + sendTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboxPublishException("interrupted while waiting for Kafka", e);
        }
    }

    private static void delete(Connection connection, List<Row> rows) throws SQLException {
        Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
        try (PreparedStatement delete = connection.prepareStatement("delete from outbox_message where id = any(?)")) {
            Array array = connection.createArrayOf("bigint", ids);
            delete.setArray(1, array);
            delete.executeUpdate();
        }
    }

    private record Row(long id, String topic, String key, String payload, String traceparent) {
        ProducerRecord<String, String> toRecord() {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
            record.headers().add("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            return record;
        }
    }
}

package org.esscard.notification.service.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.esscard.notification.client.ChannelVendor;
import org.esscard.notification.config.DeliveryConfig;
import org.esscard.notification.service.inbox.InboxService;
import org.esscard.notification.service.reminder.ReminderKind;
import org.esscard.notification.service.reminder.ReminderTemplates;
import org.esscard.platform.masking.Mask;
import org.esscard.platform.time.Backoff;
import org.esscard.platform.tracing.TraceContext;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Sends due push and SMS deliveries through the vendors, in Chinese and English. A failed attempt is
 * retried with exponential backoff, persisted, until {@code maxAttempts}; then the delivery is FAILED and
 * support sees why. Rows are claimed {@code FOR UPDATE SKIP LOCKED}, so several replicas never send the
 * same message twice. Each attempt is a {@code deliver} span in the trace of the event that made the entry, so the
 * vendor call (the REST client's own span, under it) shows in the trace of, say, the authority's cancellation.
 *
 * <p>Counted per channel ({@code push}, {@code sms}) once each batch is committed: {@code esscard_delivery_sent_total},
 * {@code esscard_delivery_attempt_failures_total} (every failed attempt) and {@code esscard_delivery_given_up_total}
 * (deliveries that became FAILED).
 */
@ApplicationScoped
public class DeliveryWorker {

    private final AgroalDataSource dataSource;
    private final ChannelVendor vendor;
    private final InboxService inbox;
    private final DeliveryConfig config;
    private final Clock clock;
    private final Tracer tracer;
    private final Map<String, Counter> sent;
    private final Map<String, Counter> failedAttempts;
    private final Map<String, Counter> givenUp;
    private ScheduledExecutorService loop;

    public DeliveryWorker(AgroalDataSource dataSource, @RestClient ChannelVendor vendor, InboxService inbox,
            DeliveryConfig config, Clock clock, OpenTelemetry openTelemetry, MeterRegistry registry) {
        this.tracer = openTelemetry.getTracer("org.esscard.notification.delivery");
        this.dataSource = dataSource;
        this.vendor = vendor;
        this.inbox = inbox;
        this.config = config;
        this.clock = clock;
        this.sent = perChannel(registry, "esscard.delivery.sent", "Push and SMS messages the vendor accepted");
        this.failedAttempts = perChannel(registry, "esscard.delivery.attempt.failures",
                "Delivery attempts that failed (each is retried with backoff until esscard.notification.delivery.max-attempts)");
        this.givenUp = perChannel(registry, "esscard.delivery.given.up",
                "Deliveries given up after esscard.notification.delivery.max-attempts failed attempts (status FAILED)");
    }

    /** One counter per channel, each there from the start at 0 so an alert's increase() sees the first. */
    private static Map<String, Counter> perChannel(MeterRegistry registry, String name, String description) {
        return Map.of("PUSH", Counter.builder(name).tag("channel", "push").description(description).register(registry),
                "SMS", Counter.builder(name).tag("channel", "sms").description(description).register(registry));
    }

    void start(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            return;
        }
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "delivery-worker");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.pollInterval().toMillis();
        loop.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (loop != null) {
            loop.shutdown();
            loop.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    void tick() {
        try {
            while (sendDue() == config.batchSize()) {
                // a full batch: there may be more due now
            }
        } catch (SQLException | RuntimeException e) {
            Log.warnf("delivery worker: %s", e.getMessage());
        }
    }

    private record Due(long id, String channel, String address, int attempts, ReminderKind kind, String params, String traceparent) {
    }

    /** Sends one batch of due deliveries; returns how many it handled. */
    int sendDue() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<Due> due = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("select d.id, d.channel, d.address, d.attempts, e.kind, e.params, e.traceparent"
                    + " from delivery d join inbox_entry e on e.id = d.entry_id"
                    + " where d.status = 'PENDING' and d.next_attempt_at <= ? order by d.next_attempt_at, d.id limit ?"
                    + " for update of d skip locked")) {
                select.setTimestamp(1, Timestamp.from(clock.instant()));
                select.setInt(2, config.batchSize());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        due.add(new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                                ReminderKind.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7)));
                    }
                }
            }
            List<Runnable> counts = new ArrayList<>();
            for (Due delivery : due) {
                Span span = span(delivery);
                try (var ignored = span.makeCurrent()) {
                    String failure = send(delivery);
                    if (failure != null) {
                        span.setStatus(StatusCode.ERROR, failure);
                    }
                    counts.add(record(c, delivery, failure));
                } finally {
                    span.end();
                }
            }
            c.commit();
            counts.forEach(Runnable::run);
            return due.size();
        }
    }

    /** An attempt's span, in the trace of the event that made its entry (a new trace when none was kept). */
    private Span span(Due d) {
        return TraceContext.under(tracer.spanBuilder("deliver " + d.channel()), d.traceparent())
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute("esscard.delivery.id", d.id())
                .setAttribute("esscard.delivery.channel", d.channel())
                .setAttribute("esscard.delivery.attempt", d.attempts() + 1)
                .setAttribute("esscard.reminder.kind", d.kind().name())
                .startSpan();
    }

    /** Sends one delivery; {@code null} when it went out, else why not. */
    private String send(Due d) {
        Map<String, String> params = inbox.read(d.params());
        String titleZh = ReminderTemplates.title(d.kind(), params, Locale.SIMPLIFIED_CHINESE);
        String titleEn = ReminderTemplates.title(d.kind(), params, Locale.ENGLISH);
        String bodyZh = ReminderTemplates.body(d.kind(), params, Locale.SIMPLIFIED_CHINESE);
        String bodyEn = ReminderTemplates.body(d.kind(), params, Locale.ENGLISH);
        try {
            if ("PUSH".equals(d.channel())) {
                vendor.push(new ChannelVendor.PushMessage(d.address(), titleZh + " / " + titleEn, bodyZh + "\n" + bodyEn,
                        Map.of("kind", d.kind().name())));
            } else {
                vendor.sms(new ChannelVendor.SmsMessage(d.address(), "【电子社保卡 eSSCard】" + titleZh + "。" + titleEn + ".",
                        "notification-service"));
            }
            return null;
        } catch (RuntimeException e) {
            String why = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage());
            return why.length() > 500 ? why.substring(0, 500) : why;
        }
    }

    /** Writes the attempt's outcome; returns its counting, to run once the batch is committed. */
    private Runnable record(Connection c, Due d, String failure) throws SQLException {
        int attempts = d.attempts() + 1;
        Instant now = clock.instant();
        String status = failure == null ? "SENT" : attempts >= config.maxAttempts() ? "FAILED" : "PENDING";
        Instant next = failure == null ? now : now.plus(backoff(attempts));
        try (PreparedStatement update = c.prepareStatement("update delivery set status = ?, attempts = ?, next_attempt_at = ?,"
                + " last_error = ?, updated_at = ? where id = ?")) {
            update.setString(1, status);
            update.setInt(2, attempts);
            update.setTimestamp(3, Timestamp.from(next));
            update.setString(4, failure);
            update.setTimestamp(5, Timestamp.from(now));
            update.setLong(6, d.id());
            update.executeUpdate();
        }
        if (failure != null) {
            Log.infof("delivery %d by %s to %s: attempt %d failed (%s), now %s", d.id(), d.channel(),
                    "SMS".equals(d.channel()) ? Mask.phone(d.address()) : d.address(), attempts, failure, status);
        }
        return () -> {
            if (failure == null) {
                sent.get(d.channel()).increment();
                return;
            }
            failedAttempts.get(d.channel()).increment();
            if ("FAILED".equals(status)) {
                givenUp.get(d.channel()).increment();
            }
        };
    }

    Duration backoff(int attempts) {
        return new Backoff(config.initialBackoff(), config.maxBackoff()).after(attempts);
    }
}

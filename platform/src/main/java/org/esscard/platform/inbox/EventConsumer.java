package org.esscard.platform.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.platform.tracing.TraceContext;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies an incoming CloudEvent exactly once: the event id is marked in the {@link Inbox} in the same
 * transaction as the consumer's effect. A record that is not a readable CloudEvent fails with
 * {@link PoisonMessageException}, which the channel's dead-letter strategy moves aside.
 *
 * <p>Two shapes: {@link #consumeOnce} takes one record per transaction; {@link #consumeBatch} takes what one poll
 * returned ({@code mp.messaging.incoming.<channel>.batch=true}) in one transaction, its inbox marks included, and falls
 * back to one transaction per record when the batch fails, so a poison record is dead-lettered alone.
 *
 * <p>Each event is applied in a {@code process} span continuing the trace its record carries (the relay's
 * {@code traceparent} header, else the event's own CloudEvents extension); the effect receives the event with that
 * span's context as its {@code traceparent}, so work it leaves for later (a delivery) can continue the trace too.
 *
 * <p>Every record handed to the dead-letter strategy is counted: {@code esscard_inbox_dead_letters_total{consumer}}.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Duration RETRY_FIRST = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(10);
    /** Metric name (Prometheus: {@code esscard_inbox_dead_letters_total}), tagged with the consumer's name. */
    public static final String DEAD_LETTERS = "esscard.inbox.dead.letters";

    private final ObjectMapper mapper = EventJson.mapper();
    private final Inbox inbox;
    private final Tracer tracer;
    private final MeterRegistry registry;

    public EventConsumer(Inbox inbox, OpenTelemetry openTelemetry, MeterRegistry registry) {
        this.inbox = inbox;
        this.tracer = openTelemetry.getTracer("org.esscard.platform.inbox");
        this.registry = registry;
    }

    /**
     * Parses {@code value} and runs {@code effect} in a transaction unless {@code consumer} already applied it.
     * A transient failure (database down, lock conflict) is retried with backoff, holding the partition so
     * the key's order is kept; only a {@link PoisonMessageException} fails the record, to be dead-lettered.
     */
    public Uni<Void> consumeOnce(String consumer, String value, Function<CloudEvent, Uni<Void>> effect) {
        CloudEvent event;
        try {
            event = parse(value);
        } catch (PoisonMessageException poison) {
            deadLettered(consumer);
            throw poison;
        }
        // the failure goes to the channel's dead-letter strategy
        return applyOnce(consumer, null, event, effect).onFailure(PoisonMessageException.class).invoke(() -> deadLettered(consumer));
    }

    /** Counts one record of {@code consumer} handed to the dead-letter strategy. */
    private void deadLettered(String consumer) {
        Counter.builder(DEAD_LETTERS).tag("consumer", consumer)
                .description("Records a consumer could never apply, handed to its dead-letter topic").register(registry).increment();
    }

    /**
     * Applies one polled batch: every record's effect, in the batch's order (per partition, so per key), and all their
     * inbox marks in one transaction; then acknowledges the batch. A record that is not a CloudEvent is dead-lettered
     * alone (the channel's failure strategy) and the rest still applied. If the transaction fails (an effect found a
     * poison record, or the database failed), nothing of it stays and the batch is applied again record by record, each
     * as {@link #consumeOnce} would: a poison record is dead-lettered alone, a transient failure retried holding the
     * partition. A redelivered batch, or an event twice in one batch, finds its marks and is not applied twice.
     */
    public Uni<Void> consumeBatch(String consumer, KafkaRecordBatch<String, String> batch, Function<CloudEvent, Uni<Void>> effect) {
        // a dead letter's acknowledgement completes on the producer's context; Panache needs the consumer's own again
        Context context = Vertx.currentContext();
        Executor onContext = context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
        List<Parsed> parsed = new ArrayList<>();
        List<KafkaRecord<String, String>> unreadable = new ArrayList<>();
        List<PoisonMessageException> reasons = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                CloudEvent event = parse(record.getPayload());
                String transport = TraceContext.fromHeaders(record.getHeaders());
                parsed.add(new Parsed(record, transport == null ? event : event.withTraceparent(transport)));
            } catch (PoisonMessageException poison) {
                unreadable.add(record);
                reasons.add(poison);
            }
        }
        return Uni.createFrom().deferred(() -> applyBatch(consumer, batch, parsed, unreadable, reasons, effect, onContext))
                // only a failure to dead-letter or acknowledge gets here: the whole batch again, which the marks make harmless
                .onFailure().invoke(failure -> Log.warnf("%s: a batch failed, retrying it: %s", consumer, failure.getMessage()))
                .onFailure().retry().withBackOff(RETRY_FIRST, RETRY_MAX).indefinitely();
    }

    private Uni<Void> applyBatch(String consumer, KafkaRecordBatch<String, String> batch, List<Parsed> parsed,
            List<KafkaRecord<String, String>> unreadable, List<PoisonMessageException> reasons, Function<CloudEvent, Uni<Void>> effect,
            Executor onContext) {
        return Panache.withTransaction(() -> applyAll(consumer, parsed, effect))
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("%s: a batch of %d records failed, applying them one by one: %s", consumer, parsed.size(),
                            failure.getMessage());
                    return Multi.createFrom().iterable(parsed)
                            .onItem().transformToUniAndConcatenate(p -> applyAlone(consumer, p, effect, onContext))
                            .collect().last().replaceWithVoid();
                })
                .chain(() -> Multi.createFrom().range(0, unreadable.size())
                        .onItem().transformToUniAndConcatenate(i -> deadLetter(consumer, unreadable.get(i), reasons.get(i), onContext))
                        .collect().last().replaceWithVoid())
                .chain(() -> Uni.createFrom().completionStage(batch::ack).emitOn(onContext));
    }

    private Uni<Void> applyAll(String consumer, List<Parsed> parsed, Function<CloudEvent, Uni<Void>> effect) {
        return inbox.markProcessed(consumer, parsed.stream().map(p -> p.event().id()).toList()).chain(fresh -> {
            Set<String> applied = new HashSet<>();
            List<Parsed> todo = parsed.stream().filter(p -> fresh.contains(p.event().id()) && applied.add(p.event().id())).toList();
            return Multi.createFrom().iterable(todo)
                    .onItem().transformToUniAndConcatenate(p -> traced(consumer, p.record().getTopic(), p.event(), effect))
                    .collect().last().replaceWithVoid();
        });
    }

    /**
     * One event in a transaction of its own, its inbox mark with it; a transient failure retried with backoff, holding
     * the partition; only a {@link PoisonMessageException} fails it.
     */
    private Uni<Void> applyOnce(String consumer, String topic, CloudEvent event, Function<CloudEvent, Uni<Void>> effect) {
        return Panache.withTransaction(() -> inbox.markProcessed(consumer, event.id())
                        .chain(first -> first ? traced(consumer, topic, event, effect) : Uni.createFrom().voidItem()))
                .onFailure(failure -> !(failure instanceof PoisonMessageException))
                .invoke(failure -> Log.warnf("%s: applying %s %s failed, retrying: %s", consumer, event.type(), event.id(),
                        failure.getMessage()))
                .onFailure(failure -> !(failure instanceof PoisonMessageException))
                .retry().withBackOff(RETRY_FIRST, RETRY_MAX).indefinitely();
    }

    private Uni<Void> applyAlone(String consumer, Parsed p, Function<CloudEvent, Uni<Void>> effect, Executor onContext) {
        CloudEvent event = p.event();
        return applyOnce(consumer, p.record().getTopic(), event, effect)
                .onFailure(PoisonMessageException.class)
                .recoverWithUni(poison -> deadLetter(consumer, p.record(), (PoisonMessageException) poison, onContext));
    }

    /** Hands one record to the channel's dead-letter strategy (its reason in the {@code dead-letter-reason} header). */
    private Uni<Void> deadLetter(String consumer, KafkaRecord<String, String> record, PoisonMessageException poison,
            Executor onContext) {
        Log.warnf("%s: a record of %s-%d (key %s) dead-lettered: %s", consumer, record.getTopic(), record.getPartition(),
                record.getKey(), poison.getMessage());
        deadLettered(consumer);
        return Uni.createFrom().completionStage(() -> record.nack(poison)).emitOn(onContext);
    }

    private record Parsed(KafkaRecord<String, String> record, CloudEvent event) {
    }

    /**
     * {@code effect} in a {@code process} span under the event's {@code traceparent}, the effect handed the event with the
     * span's own context; the effect alone when the event carries no trace context.
     */
    private Uni<Void> traced(String consumer, String topic, CloudEvent event, Function<CloudEvent, Uni<Void>> effect) {
        if (event.traceparent() == null || !TraceContext.valid(event.traceparent())) {
            return effect.apply(event);
        }
        Span span = TraceContext.under(tracer.spanBuilder((topic == null ? consumer : topic) + " process"), event.traceparent())
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", topic == null ? "" : topic)
                .setAttribute("messaging.consumer.group.name", consumer)
                .setAttribute("messaging.message.id", event.id())
                .setAttribute("cloudevents.event_type", event.type())
                .startSpan();
        CloudEvent inSpan = event.withTraceparent(TraceContext.of(span));
        return Uni.createFrom().deferred(() -> TraceContext.within(span, () -> effect.apply(inSpan)))
                .onFailure().invoke(failure -> span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage())))
                .onTermination().invoke(span::end);
    }

    /** Reads a structured-mode CloudEvent, refusing anything without an id, a type and data. */
    public CloudEvent parse(String value) {
        if (value == null || value.isBlank()) {
            throw new PoisonMessageException("empty record", null);
        }
        try {
            CloudEvent event = mapper.readValue(value, CloudEvent.class);
            if (event.id() == null || event.type() == null || event.data() == null) {
                throw new PoisonMessageException("not a CloudEvent: id, type and data are required", null);
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new PoisonMessageException("not a CloudEvent: " + e.getOriginalMessage(), e);
        }
    }

    /** The event's data as {@code type}, or a {@link PoisonMessageException} when it does not fit. */
    public <T> T data(CloudEvent event, Class<T> type) {
        try {
            return event.dataAs(type, mapper);
        } catch (RuntimeException e) {
            throw new PoisonMessageException("data of " + event.type() + " is not a " + type.getSimpleName(), e);
        }
    }
}

package org.esscard.platform.inbox;

import java.time.Duration;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies an incoming CloudEvent exactly once: the event id is marked in the {@link Inbox} in the same
 * transaction as the consumer's effect. A record that is not a readable CloudEvent fails with
 * {@link PoisonMessageException}, which the channel's dead-letter strategy moves aside.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Duration RETRY_FIRST = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(10);

    private final ObjectMapper mapper = EventJson.mapper();
    private final Inbox inbox;

    public EventConsumer(Inbox inbox) {
        this.inbox = inbox;
    }

    /**
     * Parses {@code value} and runs {@code effect} in a transaction unless {@code consumer} already applied it.
     * A transient failure (database down, lock conflict) is retried with backoff, holding the partition so
     * the key's order is kept; only a {@link PoisonMessageException} fails the record, to be dead-lettered.
     */
    public Uni<Void> consumeOnce(String consumer, String value, Function<CloudEvent, Uni<Void>> effect) {
        CloudEvent event = parse(value);
        return Panache.withTransaction(() -> inbox.markProcessed(consumer, event.id())
                        .chain(first -> first ? effect.apply(event) : Uni.createFrom().voidItem()))
                .onFailure(failure -> !(failure instanceof PoisonMessageException))
                .invoke(failure -> Log.warnf("%s: applying %s %s failed, retrying: %s", consumer, event.type(), event.id(),
                        failure.getMessage()))
                .onFailure(failure -> !(failure instanceof PoisonMessageException))
                .retry().withBackOff(RETRY_FIRST, RETRY_MAX).indefinitely();
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

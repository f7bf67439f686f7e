package org.esscard.notification.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.esscard.events.EventJson;
import org.esscard.notification.repository.InboxEntry;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Holders' inboxes: entries are added by event consumers and read, newest first, by their holder. */
@ApplicationScoped
public class InboxService {

    private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {
    };

    private final ObjectMapper mapper = EventJson.mapper();
    private final Clock clock;

    public InboxService(Clock clock) {
        this.clock = clock;
    }

    /** Adds an entry in the caller's transaction (the consumer's, with its inbox mark). */
    public Uni<Void> add(String eventId, String permitNumber, ReminderKind kind, Map<String, String> params) {
        InboxEntry entry = new InboxEntry();
        entry.id = UUID.randomUUID();
        entry.eventId = eventId;
        entry.permitNumber = permitNumber;
        entry.kind = kind;
        entry.params = write(params);
        entry.createdAt = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
        return entry.persist().replaceWithVoid();
    }

    /** One page of a permit holder's inbox, newest first, with the total and unread counts. */
    public Uni<InboxPage> page(String permitNumber, int page, int size) {
        var query = InboxEntry.<InboxEntry>find("permitNumber", Sort.descending("createdAt").and("id"), permitNumber);
        return query.page(Page.of(page, size)).list()
                .chain(entries -> query.count()
                        .chain(total -> InboxEntry.count("permitNumber = ?1 and readAt is null", permitNumber)
                                .map(unread -> new InboxPage(entries, page, size, total, unread))));
    }

    public Map<String, String> params(InboxEntry entry) {
        try {
            return mapper.readValue(entry.params, PARAMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("inbox entry " + entry.id + " has unreadable params", e);
        }
    }

    private String write(Map<String, String> params) {
        try {
            return mapper.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A page of entries and the counts a client shows beside it. */
    public record InboxPage(List<InboxEntry> entries, int page, int size, long total, long unread) {
    }
}

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
import org.esscard.notification.repository.Delivery;
import org.esscard.notification.repository.InboxEntry;
import org.esscard.notification.repository.Recipient;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Holders' inboxes. An entry is added in the consumer's transaction together with one delivery row per
 * outbound channel; the {@code DeliveryWorker} sends those later, so a slow vendor never holds up a consumer.
 */
@ApplicationScoped
public class InboxService {

    private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {
    };
    private static final String OWNER = "(permitNumber = :permit or accountId = :account)";

    private final ObjectMapper mapper = EventJson.mapper();
    private final Clock clock;

    public InboxService(Clock clock) {
        this.clock = clock;
    }

    /** Adds an entry for a permit's holder and/or an account, and its deliveries (push, SMS) when the kind is pushed. */
    public Uni<Void> add(String eventId, String permitNumber, String accountId, ReminderKind kind, Map<String, String> params) {
        OffsetDateTime now = now();
        InboxEntry entry = new InboxEntry();
        entry.id = UUID.randomUUID();
        entry.eventId = eventId;
        entry.permitNumber = permitNumber;
        entry.accountId = accountId;
        entry.kind = kind;
        entry.params = write(params);
        entry.createdAt = now;
        Uni<Void> saved = entry.persist().replaceWithVoid();
        if (!kind.pushed()) {
            return saved;
        }
        return saved.chain(() -> recipient(permitNumber, accountId))
                .chain(recipient -> Panache.getSession().chain(session -> session.persistAll(
                        delivery(entry, Delivery.Channel.PUSH, recipient == null ? null : recipient.accountId,
                                "holder has not registered for the eSSCard yet", now),
                        delivery(entry, Delivery.Channel.SMS, recipient == null ? null : recipient.mobile,
                                recipient == null ? "holder has not registered for the eSSCard yet" : "no mobile number on record", now))));
    }

    private static Uni<Recipient> recipient(String permitNumber, String accountId) {
        if (accountId != null) {
            return Recipient.findById(accountId);
        }
        return Recipient.<Recipient>find("permitNumber", Sort.descending("registeredAt"), permitNumber).firstResult();
    }

    private static Delivery delivery(InboxEntry entry, Delivery.Channel channel, String address, String whyNot, OffsetDateTime now) {
        Delivery delivery = new Delivery();
        delivery.entryId = entry.id;
        delivery.channel = channel;
        delivery.address = address;
        delivery.status = address == null ? Delivery.Status.SKIPPED : Delivery.Status.PENDING;
        delivery.lastError = address == null ? whyNot : null;
        delivery.nextAttemptAt = now;
        delivery.updatedAt = now;
        return delivery;
    }

    /** One page of the inbox of a permit's holder or an account, newest first, with total and unread counts. */
    public Uni<InboxPage> page(String permitNumber, String accountId, int page, int size) {
        Parameters owner = Parameters.with("permit", permitNumber).and("account", accountId);
        var query = InboxEntry.<InboxEntry>find(OWNER, Sort.descending("createdAt").and("id"), owner);
        return query.page(Page.of(page, size)).list()
                .chain(entries -> query.count()
                        .chain(total -> InboxEntry.count(OWNER + " and readAt is null", owner)
                                .map(unread -> new InboxPage(entries, page, size, total, unread))));
    }

    /** Marks one of the owner's entries read; {@code false} when the owner has no such entry. */
    public Uni<Boolean> markRead(UUID id, String permitNumber, String accountId) {
        return InboxEntry.update("readAt = coalesce(readAt, :now) where id = :id and " + OWNER,
                Parameters.with("now", now()).and("id", id).and("permit", permitNumber).and("account", accountId))
                .map(updated -> updated > 0);
    }

    /** Marks every unread entry of the owner read; returns how many. */
    public Uni<Integer> markAllRead(String permitNumber, String accountId) {
        return InboxEntry.update("readAt = :now where readAt is null and " + OWNER,
                Parameters.with("now", now()).and("permit", permitNumber).and("account", accountId));
    }

    /** The deliveries of a permit holder's entries, newest first, for support staff. */
    public Uni<List<Object[]>> deliveries(String permitNumber) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                "select d, e.kind from Delivery d, InboxEntry e where e.id = d.entryId and e.permitNumber = :permit"
                        + " order by e.createdAt desc, d.channel", Object[].class)
                .setParameter("permit", permitNumber)
                .setMaxResults(200)
                .getResultList());
    }

    public Map<String, String> params(InboxEntry entry) {
        return read(entry.params);
    }

    public Map<String, String> read(String params) {
        try {
            return mapper.readValue(params, PARAMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable inbox params", e);
        }
    }

    private String write(Map<String, String> params) {
        try {
            return mapper.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
    }

    /** A page of entries and the counts a client shows beside it. */
    public record InboxPage(List<InboxEntry> entries, int page, int size, long total, long unread) {
    }
}

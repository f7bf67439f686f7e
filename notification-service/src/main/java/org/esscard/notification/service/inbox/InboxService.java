package org.esscard.notification.service.inbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.notification.repository.Delivery;
import org.esscard.notification.repository.InboxEntry;
import org.esscard.notification.repository.Recipients;
import org.esscard.notification.service.reminder.ReminderKind;

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

    /**
     * Adds an entry for a permit's holder and/or an account, and its deliveries (push, SMS) when the kind is pushed; the
     * event's trace context (the consumer's span) is kept with it, for the deliveries' spans.
     * Plain SQL on the caller's session, no managed entity: consumers call it for every event of a polled batch in one
     * transaction, where each loaded entity would be dirty-checked again at every later flush of the batch.
     */
    public Uni<Void> add(CloudEvent event, String permitNumber, String accountId, ReminderKind kind, Map<String, String> params) {
        OffsetDateTime now = now();
        UUID entry = UUID.randomUUID();
        Uni<Integer> saved = Panache.getSession().chain(session -> session
                .createNativeQuery("insert into inbox_entry (id, event_id, permit_number, account_id, kind, params, created_at, traceparent)"
                        + " values (:id, :eventId, :permit, :account, :kind, :params, :now, :traceparent)")
                .setParameter("id", entry)
                .setParameter("eventId", event.id())
                .setParameter("traceparent", event.traceparent())
                .setParameter("permit", permitNumber)
                .setParameter("account", accountId)
                .setParameter("kind", kind.name())
                .setParameter("params", write(params))
                .setParameter("now", now)
                .executeUpdate());
        if (!kind.pushed()) {
            return saved.replaceWithVoid();
        }
        // one row per channel; an address the holder has not given makes the row SKIPPED with the reason
        String recipient = accountId != null
                ? "select account_id, mobile from recipient where account_id = :account"
                : "select account_id, mobile from recipient where permit_number = :permit order by registered_at desc limit 1";
        return saved.chain(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("with r as (" + recipient + "),"
                        + " c (channel, address, why_not) as ("
                        + "   select 'PUSH', (select account_id from r), :noAccount"
                        + "   union all select 'SMS', (select mobile from r),"
                        + "     case when exists (select 1 from r) then :noMobile else :noAccount end)"
                        + " insert into delivery (entry_id, channel, address, status, attempts, next_attempt_at, last_error, updated_at)"
                        + " select :entry, channel, address, case when address is null then 'SKIPPED' else 'PENDING' end, 0, :now,"
                        + "   case when address is null then why_not end, :now from c")
                .setParameter(accountId != null ? "account" : "permit", accountId != null ? accountId : permitNumber)
                .setParameter("noAccount", Recipients.NOT_REGISTERED)
                .setParameter("noMobile", Recipients.NO_MOBILE)
                .setParameter("entry", entry)
                .setParameter("now", now)
                .executeUpdate()))
                .replaceWithVoid();
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

    /** Every entry of the owner, newest first: for the copy of their data. */
    public Uni<List<InboxEntry>> all(String permitNumber, String accountId) {
        return InboxEntry.list(OWNER, Sort.descending("createdAt").and("id"), Parameters.with("permit", permitNumber).and("account", accountId));
    }

    /** The deliveries of the owner's entries, newest first: for the copy of their data. */
    public Uni<List<Object[]>> deliveriesOf(String permitNumber, String accountId) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                "select d, e.kind from Delivery d, InboxEntry e where e.id = d.entryId and (e.permitNumber = :permit or e.accountId = :account)"
                        + " order by e.createdAt desc, d.channel", Object[].class)
                .setParameter("permit", permitNumber)
                .setParameter("account", accountId)
                .getResultList());
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

package org.esscard.notification.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.esscard.notification.repository.InboxEntry;
import org.esscard.notification.service.inbox.InboxService;
import org.esscard.notification.service.reminder.ReminderKind;
import org.esscard.notification.service.reminder.ReminderTemplates;

/**
 * An inbox entry as the app shows it, in the reader's language; {@code action}, when present, is what the entry offers
 * the holder to do at once (a new-device notice: end that session).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InboxEntryView(UUID id, ReminderKind kind, String permitNumber, String title, String body,
        OffsetDateTime createdAt, boolean read, Action action) {

    /** A call the app makes with the holder's own token, e.g. {@code DELETE /api/accounts/sessions/{id}}. */
    public record Action(String type, String method, String path) {
    }

    static InboxEntryView of(InboxEntry entry, Map<String, String> params, Locale locale) {
        return new InboxEntryView(entry.id, entry.kind, entry.permitNumber, ReminderTemplates.title(entry.kind, params, locale),
                ReminderTemplates.body(entry.kind, params, locale), entry.createdAt, entry.readAt != null, action(entry.kind, params));
    }

    private static Action action(ReminderKind kind, Map<String, String> params) {
        if (kind == ReminderKind.NEW_DEVICE_LOGIN && params.get("sessionId") != null) {
            return new Action("END_SESSION", "DELETE", "/api/accounts/sessions/" + params.get("sessionId"));
        }
        return null;
    }

    /** A page of the inbox with its counts. */
    public record Page(List<InboxEntryView> items, int page, int size, long total, long unread) {

        static Page of(InboxService.InboxPage page, InboxService inbox, Locale locale) {
            return new Page(page.entries().stream().map(e -> InboxEntryView.of(e, inbox.params(e), locale)).toList(),
                    page.page(), page.size(), page.total(), page.unread());
        }
    }
}

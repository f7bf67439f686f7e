package org.esscard.notification.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.esscard.notification.repository.Delivery;
import org.esscard.notification.repository.Recipients;
import org.esscard.notification.service.inbox.InboxService;
import org.esscard.notification.service.reminder.ReminderKind;
import org.esscard.platform.masking.Mask;
import org.esscard.platform.problem.Messages;
import org.esscard.platform.problem.PlatformError;
import org.esscard.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * Inboxes: a holder reads and marks their own (the permit and account in their token); support staff read
 * any permit holder's, with the delivery status of each channel.
 */
@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Inbox", description = "Reminders and notices of a holder (R19), and support staff views of them")
public class InboxResource {

    /** How one entry fared on one channel. */
    public record DeliveryView(UUID entryId, ReminderKind kind, Delivery.Channel channel, String address,
            Delivery.Status status, int attempts, String lastError, OffsetDateTime updatedAt) {
    }

    /** How many entries a mark-all changed. */
    public record Marked(int updated) {
    }

    private final InboxService inbox;
    private final JsonWebToken jwt;

    public InboxResource(InboxService inbox, JsonWebToken jwt) {
        this.inbox = inbox;
        this.jwt = jwt;
    }

    /** What notification-service holds about the holder asking: where notices go, every entry as stored, every delivery. */
    public record NotificationData(Recipient recipient, List<StoredEntry> entries, List<DeliveryView> deliveries) {
    }

    public record Recipient(String accountId, String permitNumber, String mobile, String registeredAt) {
    }

    /** An entry as stored: its kind and the parameters its text is made from, in the holder's language when read. */
    public record StoredEntry(UUID id, ReminderKind kind, String permitNumber, Map<String, String> parameters,
            OffsetDateTime createdAt, OffsetDateTime readAt) {
    }

    @GET
    @Path("/me/data")
    @RolesAllowed("holder")
    @WithSession
    @Operation(operationId = "getMyNotificationData", summary = "What notification-service holds about me",
            description = "For the copy of one's data that account-service assembles (PIPL Art. 45): the recipient record (the"
                    + " mobile SMS go to), every inbox entry as stored and every delivery of them.")
    public Uni<NotificationData> data() {
        String permit = jwt.getClaim("permit");
        String account = jwt.getSubject();
        return Recipients.of(account).chain(r -> inbox.all(permit, account).chain(entries -> inbox.deliveriesOf(permit, account)
                .map(rows -> new NotificationData(
                        r == null ? null : new Recipient((String) r[0], (String) r[1], (String) r[2], (String) r[3]),
                        entries.stream().map(e -> new StoredEntry(e.id, e.kind, e.permitNumber, inbox.params(e), e.createdAt, e.readAt)).toList(),
                        rows.stream().map(row -> {
                            Delivery d = (Delivery) row[0];
                            // the holder's own mobile, as stored
                            return new DeliveryView(d.entryId, (ReminderKind) row[1], d.channel, d.address, d.status, d.attempts,
                                    d.lastError, d.updatedAt);
                        }).toList()))));
    }

    @GET
    @Path("/inbox")
    @RolesAllowed("holder")
    @WithSession
    @Operation(operationId = "listMyInbox", summary = "My inbox, newest first", description = "Reminders about my work permit and notices about my account.")
    public Uni<InboxEntryView.Page> mine(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size, HttpHeaders headers) {
        return read(jwt.getClaim("permit"), jwt.getSubject(), page, size, headers);
    }

    @POST
    @Path("/inbox/{id}/read")
    @RolesAllowed("holder")
    @WithTransaction
    @Operation(operationId = "markInboxEntryRead", summary = "Mark one of my entries read")
    @Extension(name = "x-problem-codes", value = "NOT_FOUND")
    public Uni<Void> markRead(@PathParam("id") UUID id) {
        return inbox.markRead(id, jwt.getClaim("permit"), jwt.getSubject()).invoke(found -> {
            if (!found) {
                // another holder's entry looks exactly like one that does not exist
                throw new ProblemException(PlatformError.NOT_FOUND);
            }
        }).replaceWithVoid();
    }

    @POST
    @Path("/inbox/read-all")
    @RolesAllowed("holder")
    @WithTransaction
    @Operation(operationId = "markAllInboxEntriesRead", summary = "Mark all my entries read")
    public Uni<Marked> markAllRead() {
        return inbox.markAllRead(jwt.getClaim("permit"), jwt.getSubject()).map(Marked::new);
    }

    @GET
    @Path("/support/permits/{permitNumber}/inbox")
    @RolesAllowed("support")
    @WithSession
    @Operation(operationId = "listPermitInbox", summary = "A permit holder's inbox, for support staff")
    public Uni<InboxEntryView.Page> ofPermit(@PathParam("permitNumber") String permitNumber,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size, HttpHeaders headers) {
        return read(permitNumber, null, page, size, headers);
    }

    @GET
    @Path("/support/permits/{permitNumber}/deliveries")
    @RolesAllowed("support")
    @WithSession
    @Operation(operationId = "listPermitDeliveries", summary = "How a permit holder's reminders went out", description = "Per entry and channel: status, attempts, last error.")
    public Uni<List<DeliveryView>> deliveries(@PathParam("permitNumber") String permitNumber) {
        return inbox.deliveries(permitNumber).map(rows -> rows.stream().map(row -> {
            Delivery d = (Delivery) row[0];
            String address = d.channel == Delivery.Channel.SMS ? Mask.phone(d.address) : d.address;
            return new DeliveryView(d.entryId, (ReminderKind) row[1], d.channel, address, d.status, d.attempts, d.lastError, d.updatedAt);
        }).toList());
    }

    private Uni<InboxEntryView.Page> read(String permit, String account, int page, int size, HttpHeaders headers) {
        var locale = Messages.locale(headers.getAcceptableLanguages());
        return inbox.page(permit, account, page, size).map(p -> InboxEntryView.Page.of(p, inbox, locale));
    }
}

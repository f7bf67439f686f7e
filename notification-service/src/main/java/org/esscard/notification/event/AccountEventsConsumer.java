package org.esscard.notification.event;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.esscard.events.CloudEvent;
import org.esscard.events.account.AccountRegistered;
import org.esscard.events.account.NewDeviceLogin;
import org.esscard.events.account.PasswordChanged;
import org.esscard.notification.repository.Recipients;
import org.esscard.notification.service.inbox.InboxService;
import org.esscard.notification.service.reminder.ReminderKind;
import org.esscard.platform.inbox.EventConsumer;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Learns who holds which account (AccountRegistered: where push and SMS reach them) and tells holders
 * when their password changed (a security notice).
 */
@ApplicationScoped
public class AccountEventsConsumer {

    static final String CONSUMER = "notification-account-events";
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final EventConsumer events;
    private final InboxService inbox;

    public AccountEventsConsumer(EventConsumer events, InboxService inbox) {
        this.events = events;
        this.inbox = inbox;
    }

    /** One polled batch in one transaction (EventConsumer.consumeBatch): its inbox marks, entries and deliveries. */
    @Incoming("account-events")
    public Uni<Void> onAccountEvents(KafkaRecordBatch<String, String> batch) {
        return events.consumeBatch(CONSUMER, batch, this::apply);
    }

    private Uni<Void> apply(CloudEvent event) {
        return switch (event.type()) {
            case AccountRegistered.TYPE -> Recipients.register(events.data(event, AccountRegistered.class));
            case PasswordChanged.TYPE -> {
                PasswordChanged changed = events.data(event, PasswordChanged.class);
                yield inbox.add(event, changed.permitNumber(), changed.accountId(), ReminderKind.PASSWORD_CHANGED,
                        Map.of("changedAt", MINUTE.format(changed.changedAt())));
            }
            case NewDeviceLogin.TYPE -> {
                NewDeviceLogin login = events.data(event, NewDeviceLogin.class);
                yield inbox.add(event, login.permitNumber(), login.accountId(), ReminderKind.NEW_DEVICE_LOGIN,
                        Map.of("device", login.device(), "clientAddress", login.clientAddress() == null ? "?" : login.clientAddress(),
                                "loggedInAt", MINUTE.format(login.loggedInAt()), "sessionId", login.sessionId()));
            }
            default -> Uni.createFrom().voidItem();
        };
    }
}

package org.esscard.account.event;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.esscard.account.service.verification.AccountVerifications;
import org.esscard.events.CloudEvent;
import org.esscard.events.identity.IdentityVerified;
import org.esscard.platform.inbox.EventConsumer;
import org.esscard.platform.inbox.PoisonMessageException;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Completes what waited for identity-service: registration (R5, R10), password reset (R14) and PIN reset (R15),
 * on {@code IdentityVerified}, each event once. {@code VerificationLocked} needs nothing here: the holder continues
 * with bank card or mobile in the same session.
 */
@ApplicationScoped
public class IdentityEventsConsumer {

    static final String CONSUMER = "account-identity-events";

    private final EventConsumer events;
    private final AccountVerifications verifications;

    public IdentityEventsConsumer(EventConsumer events, AccountVerifications verifications) {
        this.events = events;
        this.verifications = verifications;
    }

    @Incoming("identity-events")
    public Uni<Void> onIdentityEvent(String value) {
        return events.consumeOnce(CONSUMER, value, this::apply);
    }

    private Uni<Void> apply(CloudEvent event) {
        if (!IdentityVerified.TYPE.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        IdentityVerified verified = events.data(event, IdentityVerified.class);
        if (verified.sessionId() == null || verified.purpose() == null) {
            throw new PoisonMessageException("IdentityVerified " + event.id() + " without session id or purpose", null);
        }
        return verifications.verified(verified);
    }
}

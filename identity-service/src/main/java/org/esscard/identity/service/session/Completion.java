package org.esscard.identity.service.session;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.esscard.events.Topics;
import org.esscard.events.identity.IdentityVerified;
import org.esscard.events.identity.VerificationMethod;
import org.esscard.events.identity.api.SessionStatus;
import org.esscard.identity.repository.SmsChallenge;
import org.esscard.identity.repository.VerificationSession;
import org.esscard.identity.service.audit.AuditTrail;
import org.esscard.platform.outbox.Outbox;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Completes a session: the person proved who they are. Their face failures are no longer consecutive, so the
 * counter starts again (and face opens again if it was closed); {@code IdentityVerified} goes to the outbox in
 * the same transaction.
 */
@ApplicationScoped
public class Completion {

    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    public Completion(Outbox outbox, AuditTrail audit, Clock clock) {
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** Marks the locked session verified by {@code method}; call inside the transaction holding the locks. */
    public Uni<Void> verify(SessionService.Locked locked, VerificationMethod method, String auditMethod, String maskedIds) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        VerificationSession session = locked.session();
        session.status = SessionStatus.VERIFIED;
        session.verifiedMethod = method;
        session.verifiedAt = now;
        locked.counter().consecutiveFailures = 0;
        locked.counter().closedAt = null;
        locked.counter().updatedAt = now;
        // the number an SMS code just proved (bank card, mobile); face proves none
        String provenMobile = method != VerificationMethod.FACE && locked.challenge() != null ? locked.challenge().mobile : null;
        Uni<Void> challengeGone = locked.challenge() == null ? Uni.createFrom().voidItem()
                : SmsChallenge.deleteById(session.id).replaceWithVoid();
        return challengeGone
                .chain(() -> audit.append(session.id, session.permitNumber, auditMethod, "VERIFIED", method.name(), maskedIds))
                .chain(() -> outbox.add(Topics.IDENTITY_EVENTS, new IdentityVerified(session.id.toString(), session.purpose,
                        session.permitNumber, session.accountId, method, now.toInstant(), provenMobile)))
                .invoke(() -> Log.infof("session %s verified %s by %s", session.id, session.permitNumber, method))
                .replaceWithVoid();
    }
}

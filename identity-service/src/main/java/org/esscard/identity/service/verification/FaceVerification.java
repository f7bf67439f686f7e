package org.esscard.identity.service.verification;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.esscard.events.Topics;
import org.esscard.events.identity.VerificationLocked;
import org.esscard.events.identity.VerificationMethod;
import org.esscard.identity.client.VendorUnavailableException;
import org.esscard.identity.client.Vendors;
import org.esscard.identity.config.IdentityConfig;
import org.esscard.identity.repository.FaceAttemptCounter;
import org.esscard.identity.repository.VerificationSession;
import org.esscard.identity.service.Caller;
import org.esscard.identity.service.IdentityError;
import org.esscard.identity.service.Problems;
import org.esscard.identity.service.audit.AuditTrail;
import org.esscard.identity.service.session.Completion;
import org.esscard.identity.service.session.SessionService;
import org.esscard.identity.service.session.SessionState;
import org.esscard.identity.service.session.Settled;
import org.esscard.platform.outbox.Outbox;
import org.esscard.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Facial recognition (R5, R6, and the face step of R14). The vendor compares the liveness capture; a failure
 * counts against the person, not the session, under the counter's row lock: the 6th consecutive failure closes
 * face for the person, offers bank card, and emits {@code VerificationLocked}. Concurrent failures take turns on
 * the lock, so none gets past the limit. Each attempt is also reserved under those locks before the vendor is asked
 * ({@link VendorAttempts}): requests sent in parallel get no more comparisons than the attempts left. A vendor that
 * does not answer counts nothing.
 */
@ApplicationScoped
public class FaceVerification {

    static final String FACE = VerificationMethod.FACE.name();

    private final SessionService sessions;
    private final Vendors vendors;
    private final Completion completion;
    private final VendorAttempts attempts;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final Clock clock;
    private final IdentityConfig config;

    public FaceVerification(SessionService sessions, Vendors vendors, Completion completion, VendorAttempts attempts,
            AuditTrail audit, Outbox outbox, Clock clock, IdentityConfig config) {
        this.sessions = sessions;
        this.vendors = vendors;
        this.completion = completion;
        this.attempts = attempts;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
    }

    /** One face attempt with the capture behind {@code livenessTicket}; the session's new state, or a refusal. */
    public Uni<SessionState> attempt(Caller caller, String sessionId, String livenessTicket) {
        return sessions.active(caller, sessionId).chain(state -> {
            VerificationSession session = state.session();
            if (!state.isOpen(VerificationMethod.FACE)) {
                if (state.faceClosed()) {
                    // closed before this attempt: refused without asking the vendor, and not counted again
                    return audit.appendAlone(session.id, session.permitNumber, FACE, "REFUSED", "face closed", null)
                            .chain(() -> Uni.createFrom().failure(locked(state)));
                }
                return Uni.createFrom().failure(Problems.notOpen(state));
            }
            return Panache.withTransaction(() -> reserve(session.id)).map(Settled::orThrow)
                    .chain(reservation -> vendors.faceMatches(session.permitNumber, session.subjectName, livenessTicket)
                            .onFailure(VendorUnavailableException.class).recoverWithUni(failure -> attempts.releaseAlone(reservation)
                                    .chain(() -> unavailable(session, failure)))
                            .chain(match -> Panache.withTransaction(() -> attempts.release(reservation)
                                    .chain(() -> match ? passed(session.id) : failed(session.id)))))
                    .map(Settled::orThrow);
        });
    }

    /** One attempt of the person's remaining ones, reserved under the counter's lock before the vendor is asked. */
    private Uni<Settled<UUID>> reserve(UUID sessionId) {
        return sessions.lock(sessionId).chain(locked -> {
            SessionState state = sessions.state(locked);
            SessionService.requireActive(state);
            if (state.faceClosed()) {
                return audit.append(sessionId, locked.session().permitNumber, FACE, "REFUSED", "face closed", null)
                        .replaceWith(Settled.<UUID>refused(locked(state)));
            }
            return attempts.reserve(locked.session().permitNumber, FACE, state.faceAttemptsRemaining());
        });
    }

    private Uni<Settled<SessionState>> passed(UUID sessionId) {
        return sessions.lock(sessionId).chain(locked -> {
            SessionState state = sessions.state(locked);
            SessionService.requireActive(state);
            if (state.faceClosed()) {
                // face closed by a concurrent attempt while the vendor was comparing this one
                return audit.append(sessionId, locked.session().permitNumber, FACE, "REFUSED", "face closed meanwhile", null)
                        .replaceWith(Settled.refused(locked(state)));
            }
            return completion.verify(locked, VerificationMethod.FACE, FACE, null)
                    .map(ignored -> Settled.of(sessions.state(locked)));
        });
    }

    private Uni<Settled<SessionState>> failed(UUID sessionId) {
        return sessions.lock(sessionId).chain(locked -> {
            SessionState before = sessions.state(locked);
            SessionService.requireActive(before);
            VerificationSession session = locked.session();
            if (before.faceClosed()) {
                return audit.append(sessionId, session.permitNumber, FACE, "REFUSED", "face closed meanwhile", null)
                        .replaceWith(Settled.refused(locked(before)));
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            FaceAttemptCounter counter = locked.counter();
            counter.consecutiveFailures++;
            counter.lastFailureAt = now;
            counter.updatedAt = now;
            SessionState after = sessions.state(locked);
            int max = config.face().maxConsecutiveFailures();
            String detail = counter.consecutiveFailures + "/" + max;
            if (!after.faceClosed()) {
                return audit.append(sessionId, session.permitNumber, FACE, "FAILED", detail, null)
                        .replaceWith(Settled.refused(new ProblemException(IdentityError.FACE_FAILED, after.faceAttemptsRemaining())
                                .with("remainingAttempts", after.faceAttemptsRemaining())));
            }
            counter.closedAt = now;
            Log.infof("face closed for %s after %d consecutive failures (session %s)", session.permitNumber, max, sessionId);
            return audit.append(sessionId, session.permitNumber, FACE, "LOCKED", detail, null)
                    .chain(() -> outbox.add(Topics.IDENTITY_EVENTS, new VerificationLocked(sessionId.toString(), session.purpose,
                            session.permitNumber, VerificationMethod.FACE, counter.consecutiveFailures, after.openMethods(),
                            now.toInstant())))
                    .replaceWith(Settled.refused(locked(after)));
        });
    }

    private Uni<Boolean> unavailable(VerificationSession session, Throwable failure) {
        VendorUnavailableException e = (VendorUnavailableException) failure;
        return audit.appendAlone(session.id, session.permitNumber, FACE, "UNAVAILABLE", e.vendor().name(), null)
                .chain(() -> Uni.createFrom().failure(Problems.unavailable(e)));
    }

    private ProblemException locked(SessionState state) {
        return new ProblemException(IdentityError.FACE_LOCKED, config.face().maxConsecutiveFailures())
                .with("remainingAttempts", 0)
                .with("nextMethods", state.openMethods());
    }
}

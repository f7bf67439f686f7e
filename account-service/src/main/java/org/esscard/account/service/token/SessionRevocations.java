package org.esscard.account.service.token;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.esscard.events.Topics;
import org.esscard.events.account.SessionsRevoked;
import org.esscard.platform.outbox.Outbox;
import org.esscard.platform.revocation.SessionIds;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sessions and their end (issue 13, item 8). Every login is a session with an id, the {@code sid} claim of its access
 * and step-up tokens (for holders also the refresh token family). Ending one session or all of a subject's goes out as
 * {@code SessionsRevoked} through the outbox, in the caller's transaction, and every replica of every service refuses
 * the tokens from then on ({@code RevocationCheck} in platform). While the broker is away the event waits in the outbox;
 * the tokens it names expire by themselves within their lifetime (15 minutes) in any case.
 */
@ApplicationScoped
public class SessionRevocations {

    private final Outbox outbox;
    private final Clock clock;
    /**
     * The start of the latest session id handed out or not-before time written here (epoch ms): neither goes back, so
     * a session started after a revocation of all never compares as before it, even within one millisecond or with a
     * clock that stands still (tests).
     */
    private final AtomicLong latest = new AtomicLong();

    public SessionRevocations(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The id of a session starting now; its first 48 bits say when, so "every session before T" is exact. */
    public UUID newSessionId() {
        return SessionIds.startedAt(latest.accumulateAndGet(clock.millis(), Math::max));
    }

    /** Ends one session of {@code subject} (logout, a refresh token used twice). */
    public Uni<Void> revokeSession(String subject, UUID sessionId, String reason) {
        Log.infof("session %s of %s ended (%s)", sessionId, subject, reason);
        return outbox.add(Topics.ACCOUNT_EVENTS, new SessionsRevoked(subject, sessionId.toString(), clock.instant(), reason))
                .replaceWithVoid();
    }

    /** Ends every session of {@code subject} started before now (password change or reset, PIN lock, staff removed). */
    public Uni<Void> revokeAll(String subject, String reason) {
        // to the millisecond, the precision of session ids, and after every session id handed out so far
        Instant now = Instant.ofEpochMilli(latest.accumulateAndGet(clock.millis(), (last, clockMillis) -> Math.max(last + 1, clockMillis)));
        Log.infof("every session of %s started before %s ended (%s)", subject, now, reason);
        return outbox.add(Topics.ACCOUNT_EVENTS, new SessionsRevoked(subject, null, now, reason)).replaceWithVoid();
    }

    /** The same for a holder's account id. */
    public Uni<Void> revokeAll(UUID accountId, String reason) {
        return revokeAll(accountId.toString(), reason);
    }
}

package org.esscard.platform.revocation;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.esscard.events.account.SessionsRevoked;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The revocations of the last token lifetime, in memory, for the check on every authenticated request: one map of
 * ended sessions by {@code sid}, one of subjects whose sessions started before a time are ended. Two hash lookups per
 * request; an entry is forgotten once every token it could refuse has expired anyway.
 */
@ApplicationScoped
public class Revocations {

    /** sid → when the entry may be forgotten. */
    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();
    /** subject → not-before: sessions started before it are ended. */
    private final Map<String, Instant> subjects = new ConcurrentHashMap<>();

    /** Takes a revocation in; {@code keep} is how long a token issued before it can live (lifetime and clock skew). */
    public void add(SessionsRevoked revoked, Duration keep) {
        if (revoked.tokenSubject() == null || revoked.notBefore() == null) {
            return;
        }
        if (revoked.sessionId() != null) {
            sessions.merge(revoked.sessionId(), revoked.notBefore().plus(keep), (a, b) -> a.isAfter(b) ? a : b);
        } else {
            subjects.merge(revoked.tokenSubject(), revoked.notBefore(), (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    /**
     * Whether a token of {@code subject} in session {@code sid} (may be {@code null}), issued at {@code issuedAt} (epoch
     * seconds), is revoked. A session id that carries its start time is compared to the millisecond; a token without
     * one by its {@code iat}, which errs on the side of refusing a token issued in the same second.
     */
    public boolean revoked(String subject, String sid, long issuedAt) {
        if (sid != null && sessions.containsKey(sid)) {
            return true;
        }
        Instant notBefore = subject == null ? null : subjects.get(subject);
        if (notBefore == null) {
            return false;
        }
        Instant started = SessionIds.startedAt(sid);
        if (started != null) {
            // session ids have milliseconds: compare at that precision, not with the clock's nanoseconds
            return started.toEpochMilli() < notBefore.toEpochMilli();
        }
        return issuedAt <= notBefore.getEpochSecond();
    }

    /** Forgets what no unexpired token can be refused by any more. */
    public void prune(Instant now, Duration keep) {
        sessions.values().removeIf(until -> until.isBefore(now));
        Instant oldest = now.minus(keep);
        subjects.values().removeIf(notBefore -> notBefore.isBefore(oldest));
    }

    /** How many entries are held (for the readiness check's data). */
    public int size() {
        return sessions.size() + subjects.size();
    }
}

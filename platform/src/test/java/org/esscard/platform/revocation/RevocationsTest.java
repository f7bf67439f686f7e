package org.esscard.platform.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.esscard.events.account.SessionsRevoked;
import org.junit.jupiter.api.Test;

/** The in-memory revocations: one session, all of a subject's before a time (to the millisecond), forgetting. */
class RevocationsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T11:20:08.512Z");
    private static final Duration WINDOW = Duration.ofMinutes(16);
    private static final String SUBJECT = "5f0c8a52-3c1e-4d7a-9b6e-2f4d8c1a7e90";

    private static String sessionAt(Instant instant) {
        return SessionIds.next(Clock.fixed(instant, ZoneOffset.UTC)).toString();
    }

    @Test
    void sessionIdsCarryTheirStartToTheMillisecond() {
        String sid = sessionAt(NOW);

        assertThat(UUID.fromString(sid).version()).isEqualTo(7);
        assertThat(SessionIds.startedAt(sid)).isEqualTo(NOW);
        assertThat(SessionIds.startedAt(UUID.randomUUID().toString())).as("not a v7 id").isNull();
        assertThat(SessionIds.startedAt("not-a-uuid")).isNull();
        assertThat(sessionAt(NOW)).isNotEqualTo(sid);
    }

    @Test
    void oneSessionEndsAloneWhateverItsTokensIssueTime() {
        Revocations revocations = new Revocations();
        String ended = sessionAt(NOW.minusSeconds(60));
        String other = sessionAt(NOW.minusSeconds(60));

        revocations.add(new SessionsRevoked(SUBJECT, ended, NOW, SessionsRevoked.LOGOUT), WINDOW);

        assertThat(revocations.revoked(SUBJECT, ended, NOW.plusSeconds(1).getEpochSecond())).isTrue();
        assertThat(revocations.revoked(SUBJECT, other, NOW.getEpochSecond())).isFalse();
    }

    @Test
    void allSessionsEndThatStartedBeforeTheTimeToTheMillisecond() {
        Revocations revocations = new Revocations();
        revocations.add(new SessionsRevoked(SUBJECT, null, NOW, SessionsRevoked.PASSWORD_CHANGE), WINDOW);
        long sameSecond = NOW.getEpochSecond();

        assertThat(revocations.revoked(SUBJECT, sessionAt(NOW.minusMillis(1)), sameSecond)).isTrue();
        assertThat(revocations.revoked(SUBJECT, sessionAt(NOW.plusMillis(1)), sameSecond)).as("a login just after").isFalse();
        assertThat(revocations.revoked("another-subject", sessionAt(NOW.minusSeconds(5)), sameSecond)).isFalse();
        // a token without a session id: by iat, refusing one of the same second rather than letting an older one pass
        assertThat(revocations.revoked(SUBJECT, null, sameSecond)).isTrue();
        assertThat(revocations.revoked(SUBJECT, null, sameSecond + 1)).isFalse();
    }

    @Test
    void aLaterRevocationOfAllMovesTheTimeOnNeverBack() {
        Revocations revocations = new Revocations();
        revocations.add(new SessionsRevoked(SUBJECT, null, NOW, SessionsRevoked.PIN_LOCKED), WINDOW);
        revocations.add(new SessionsRevoked(SUBJECT, null, NOW.minusSeconds(30), SessionsRevoked.PASSWORD_CHANGE), WINDOW);

        assertThat(revocations.revoked(SUBJECT, sessionAt(NOW.minusSeconds(10)), NOW.getEpochSecond())).isTrue();
    }

    @Test
    void entriesAreForgottenOnceEveryTokenTheyRefuseHasExpired() {
        Revocations revocations = new Revocations();
        String ended = sessionAt(NOW.minusSeconds(60));
        revocations.add(new SessionsRevoked(SUBJECT, ended, NOW, SessionsRevoked.LOGOUT), WINDOW);
        revocations.add(new SessionsRevoked("staff:temp", null, NOW, SessionsRevoked.STAFF_REMOVED), WINDOW);

        revocations.prune(NOW.plus(WINDOW).minusSeconds(1), WINDOW);
        assertThat(revocations.size()).isEqualTo(2);

        revocations.prune(NOW.plus(WINDOW).plusSeconds(1), WINDOW);
        assertThat(revocations.size()).isZero();
    }
}

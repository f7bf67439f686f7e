package org.esscard.account.service.session;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.esscard.account.repository.HolderAccount;
import org.esscard.account.repository.HolderSession;
import org.esscard.account.repository.LoginRecord;
import org.esscard.account.service.AccountError;
import org.esscard.account.service.token.RefreshTokens;
import org.esscard.account.service.token.SessionRevocations;
import org.esscard.events.Topics;
import org.esscard.events.account.NewDeviceLogin;
import org.esscard.events.account.SessionsRevoked;
import org.esscard.platform.masking.Mask;
import org.esscard.platform.outbox.Outbox;
import org.esscard.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A holder's sessions and login history as the holder sees and ends them (issue 18), as Keycloak's account console
 * shows its users: each live session with its device, first and last use and masked address; the logins and failed
 * attempts of the last {@value #HISTORY_DAYS} days; a login from a device the account was not used on before
 * announced by {@code NewDeviceLogin} (the "was this you?" notice, sent by notification-service). Ending a session
 * revokes its refresh tokens and, through {@code SessionsRevoked}, its access tokens at every service.
 */
@ApplicationScoped
public class HolderSessions {

    static final int HISTORY_DAYS = 30;
    private static final int HISTORY_MAX = 200;

    private final RefreshTokens refreshTokens;
    private final SessionRevocations revocations;
    private final Outbox outbox;
    private final Clock clock;

    public HolderSessions(RefreshTokens refreshTokens, SessionRevocations revocations, Outbox outbox, Clock clock) {
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A live session as its holder sees it; {@code current} is the one the request's token belongs to. */
    public record LiveSession(UUID id, String device, boolean knownDevice, String clientAddress, OffsetDateTime startedAt,
            OffsetDateTime lastUsedAt, boolean current) {
    }

    /** A login or failed attempt. */
    public record LoginAttempt(OffsetDateTime at, boolean succeeded, String device, String clientAddress) {
    }

    /**
     * Records a login that succeeded, in the caller's transaction: its session, its line in the history, and, when
     * the account was used before but never from this device, the notice.
     */
    public Uni<Void> started(HolderAccount account, UUID sessionId, Device device, String address) {
        OffsetDateTime now = now();
        String masked = Mask.address(address);
        return seenBefore(account.id, device).chain(seen -> {
            HolderSession session = new HolderSession();
            session.id = sessionId;
            session.accountId = account.id;
            session.deviceId = device.id();
            session.deviceLabel = device.label();
            session.clientAddress = masked;
            session.startedAt = now;
            Uni<Void> saved = session.<HolderSession>persist().chain(() -> record(account.id, true, device, masked, now));
            if (seen.firstLogin() || seen.device()) {
                return saved;
            }
            Log.infof("account %s: login from a new device (session %s)", account.id, sessionId);
            return saved.chain(() -> outbox.add(Topics.ACCOUNT_EVENTS, new NewDeviceLogin(account.id.toString(), account.permitNumber,
                    sessionId.toString(), device.label(), masked, now.toInstant()))).replaceWithVoid();
        });
    }

    /** Records a refused login of an existing account (wrong password, locked), in a transaction of its own. */
    public Uni<Void> failed(UUID accountId, Device device, String address) {
        return Panache.withTransaction(() -> record(accountId, false, device, Mask.address(address), now()));
    }

    /** The holder's live sessions, the most recently used first. */
    public Uni<List<LiveSession>> live(UUID accountId, String currentSessionId) {
        OffsetDateTime now = now();
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createQuery(
                "select h, max(t.issuedAt) from HolderSession h, RefreshToken t where t.familyId = h.id and h.accountId = ?1"
                        + " and t.revokedAt is null and t.expiresAt > ?2 group by h order by max(t.issuedAt) desc", Object[].class)
                .setParameter(1, accountId).setParameter(2, now).getResultList()))
                .map(rows -> rows.stream().map(row -> {
                    HolderSession h = (HolderSession) row[0];
                    return new LiveSession(h.id, h.deviceLabel, h.deviceId != null, h.clientAddress, utc(h.startedAt), utc((OffsetDateTime) row[1]),
                            h.id.toString().equals(currentSessionId));
                }).toList());
    }

    /** Ends one of the holder's live sessions: 404 {@code SESSION_NOT_FOUND} for any other id. */
    public Uni<Void> end(UUID accountId, UUID sessionId) {
        return Panache.withTransaction(() -> refreshTokens.endFamily(accountId, sessionId, SessionsRevoked.ENDED_BY_HOLDER)
                .chain(ended -> {
                    if (ended == 0) {
                        return Uni.createFrom().failure(new ProblemException(AccountError.SESSION_NOT_FOUND));
                    }
                    return revocations.revokeSession(accountId.toString(), sessionId, SessionsRevoked.ENDED_BY_HOLDER);
                }));
    }

    /** Ends every session of the holder, the one asking included. */
    public Uni<Void> endAll(UUID accountId) {
        return Panache.withTransaction(() -> refreshTokens.revokeAll(accountId, SessionsRevoked.ENDED_BY_HOLDER)
                .chain(() -> revocations.revokeAll(accountId, SessionsRevoked.ENDED_BY_HOLDER)));
    }

    /** The logins and failed attempts of the last {@value #HISTORY_DAYS} days, newest first. */
    public Uni<List<LoginAttempt>> history(UUID accountId) {
        return Panache.withSession(() -> LoginRecord.<LoginRecord>find("accountId = ?1 and at > ?2 order by at desc, id desc",
                accountId, now().minusDays(HISTORY_DAYS)).page(0, HISTORY_MAX).list())
                .map(records -> records.stream().map(r -> new LoginAttempt(utc(r.at), r.succeeded, r.deviceLabel, r.clientAddress)).toList());
    }

    /** Whether the account logged in before at all, and from this device. */
    private record Seen(boolean firstLogin, boolean device) {
    }

    private Uni<Seen> seenBefore(UUID accountId, Device device) {
        String sameDevice = device.id() != null ? "h.deviceId = ?2" : "h.deviceId is null and h.deviceLabel = ?2";
        return Panache.getSession().chain(s -> s.createSelectionQuery("select count(h), coalesce(sum(case when " + sameDevice
                + " then 1 else 0 end), 0) from HolderSession h where h.accountId = ?1", Object[].class)
                .setParameter(1, accountId).setParameter(2, device.id() != null ? device.id() : device.label())
                .getSingleResult())
                .map(row -> new Seen(((Number) row[0]).longValue() == 0, ((Number) row[1]).longValue() > 0));
    }

    /** One line of the history. */
    private Uni<Void> record(UUID accountId, boolean succeeded, Device device, String masked, OffsetDateTime now) {
        LoginRecord record = new LoginRecord();
        record.accountId = accountId;
        record.at = now;
        record.succeeded = succeeded;
        record.deviceLabel = device.label();
        record.clientAddress = masked;
        return record.<LoginRecord>persist().replaceWithVoid();
    }

    /**
     * Forgets what the history no longer shows: lines older than {@value #HISTORY_DAYS} days, and sessions that ended
     * (no live refresh token) and started that long ago. Hourly, off the login path.
     */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> purge() {
        OffsetDateTime now = now();
        OffsetDateTime kept = now.minus(Duration.ofDays(HISTORY_DAYS));
        return Panache.withTransaction(() -> LoginRecord.delete("at < ?1", kept)
                .chain(lines -> HolderSession.delete("startedAt < ?1 and id not in (select t.familyId from RefreshToken t"
                        + " where t.revokedAt is null and t.expiresAt > ?2)", kept, now)
                        .invoke(sessions -> {
                            if (lines + sessions > 0) {
                                Log.infof("purged %d login records and %d ended sessions older than %d days", lines, sessions, HISTORY_DAYS);
                            }
                        })))
                .replaceWithVoid();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}

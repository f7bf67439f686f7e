package org.esscard.account.service.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import org.esscard.account.config.TokenConfig;
import org.esscard.account.repository.RefreshToken;
import org.esscard.account.service.AccountError;
import org.esscard.events.account.SessionsRevoked;
import org.esscard.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/**
 * Opaque refresh tokens: 256 random bits, stored only as their SHA-256, rotated on every use. A login starts a
 * family; a rotated token presented again means a copy is in someone else's hands, so the whole family is
 * revoked and both copies stop working. Logout revokes the family; a password change or reset revokes every
 * family of the account.
 */
@ApplicationScoped
public class RefreshTokens {

    static final String REUSED = "REUSED";
    static final String LOGOUT = "LOGOUT";
    public static final String PASSWORD_CHANGED = "PASSWORD_CHANGED";

    private final SecureRandom random = new SecureRandom();
    private final TokenConfig config;
    private final SessionRevocations sessions;
    private final Clock clock;

    public RefreshTokens(TokenConfig config, SessionRevocations sessions, Clock clock) {
        this.config = config;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** A token handed to the client once, how many seconds it lives, and its family: the login's session id ({@code sid}). */
    public record Issued(String token, long expiresInSeconds, UUID sessionId) {
    }

    /** Starts a family for a new login, in the caller's transaction; the family id is the login's session id. */
    public Uni<Issued> startFamily(UUID accountId) {
        OffsetDateTime now = now();
        return issue(accountId, sessions.newSessionId(), now, now);
    }

    /**
     * Rotates {@code presented} in the caller's transaction: the account it belongs to and a new token of the
     * same family. Unknown, expired or revoked → {@code REFRESH_TOKEN_INVALID}. Already rotated → the family is
     * revoked and the rotation says {@link Rotation#reused()}: the caller commits that, then refuses.
     */
    public Uni<Rotation> rotate(String presented) {
        OffsetDateTime now = now();
        return RefreshToken.<RefreshToken>find("tokenHash", hash(presented)).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult()
                .chain(token -> {
                    if (token == null || token.revokedAt != null || !token.expiresAt.isAfter(now)) {
                        return Uni.createFrom().failure(new ProblemException(AccountError.REFRESH_TOKEN_INVALID));
                    }
                    if (token.rotatedAt != null) {
                        Log.warnf("refresh token of family %s used again after rotation: family revoked (account %s)",
                                token.familyId, token.accountId);
                        return revokeFamily(token.familyId, REUSED)
                                .call(() -> sessions.revokeSession(token.accountId.toString(), token.familyId, SessionsRevoked.REFRESH_REUSED))
                                .replaceWith(new Rotation(token.accountId, null));
                    }
                    token.rotatedAt = now;
                    return issue(token.accountId, token.familyId, token.familyStartedAt, now)
                            .map(issued -> new Rotation(token.accountId, issued));
                });
    }

    /** The account a presented token belongs to, and its successor; no successor when the token was reused. */
    public record Rotation(UUID accountId, Issued next) {

        public boolean reused() {
            return next == null;
        }
    }

    /** Revokes the family of {@code presented} (logout) and ends its session's access tokens; nothing when the token is unknown. */
    public Uni<Void> logout(String presented) {
        return RefreshToken.<RefreshToken>find("tokenHash", hash(presented)).firstResult()
                .chain(token -> token == null ? Uni.createFrom().voidItem() : revokeFamily(token.familyId, LOGOUT)
                        .call(() -> sessions.revokeSession(token.accountId.toString(), token.familyId, SessionsRevoked.LOGOUT)));
    }

    /** Revokes the live tokens of one family of the account, in the caller's transaction: how many there were. */
    public Uni<Integer> endFamily(UUID accountId, UUID familyId, String reason) {
        return RefreshToken.update("revokedAt = ?1, revokedReason = ?2 where familyId = ?3 and accountId = ?4 and revokedAt is null"
                + " and expiresAt > ?1", now(), reason, familyId, accountId);
    }

    /** Revokes every live token of the account, in the caller's transaction. */
    public Uni<Integer> revokeAll(UUID accountId, String reason) {
        return RefreshToken.update("revokedAt = ?1, revokedReason = ?2 where accountId = ?3 and revokedAt is null", now(), reason, accountId);
    }

    private Uni<Void> revokeFamily(UUID familyId, String reason) {
        return RefreshToken.update("revokedAt = ?1, revokedReason = ?2 where familyId = ?3 and revokedAt is null", now(), reason, familyId)
                .replaceWithVoid();
    }

    private Uni<Issued> issue(UUID accountId, UUID familyId, OffsetDateTime familyStartedAt, OffsetDateTime now) {
        OffsetDateTime familyEnds = familyStartedAt.plus(config.refreshFamilyMaxAge());
        OffsetDateTime expires = now.plus(config.refreshTokenTtl());
        if (expires.isAfter(familyEnds)) {
            expires = familyEnds;
        }
        if (!expires.isAfter(now)) {
            return Uni.createFrom().failure(new ProblemException(AccountError.REFRESH_TOKEN_INVALID));
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        RefreshToken token = new RefreshToken();
        token.id = UUID.randomUUID();
        token.familyId = familyId;
        token.accountId = accountId;
        token.tokenHash = hash(value);
        token.issuedAt = now;
        token.expiresAt = expires;
        token.familyStartedAt = familyStartedAt;
        long seconds = Duration.between(now, expires).toSeconds();
        return token.persist().replaceWith(new Issued(value, seconds, familyId));
    }

    /** Forgets tokens that expired more than a day ago: nothing can use them, and reuse detection no longer matters. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeExpired() {
        OffsetDateTime before = now().minusDays(1);
        return Panache.withTransaction(() -> RefreshToken.delete("expiresAt < ?1", before))
                .invoke(n -> {
                    if (n > 0) {
                        Log.infof("purged %d expired refresh tokens", n);
                    }
                })
                .replaceWithVoid();
    }

    /** SHA-256 hex of a secret handed to a client (refresh and registration tokens): what the database keeps. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}

package org.esscard.account.service.login;

import java.time.Duration;

import org.esscard.account.config.LoginConfig;
import org.esscard.account.repository.AccountStatus;
import org.esscard.account.repository.HolderAccount;
import org.esscard.account.service.AccountError;
import org.esscard.account.service.session.Device;
import org.esscard.account.service.session.HolderSessions;
import org.esscard.account.service.token.HolderTokens;
import org.esscard.account.service.token.RefreshTokens;
import org.esscard.account.service.token.TokenIssuer;
import org.esscard.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A holder's sessions: login with the work permit number (R11) or the social security number (R12) and the
 * password, giving a 15-minute access token and a rotating refresh token; refresh; logout.
 */
@ApplicationScoped
public class HolderLogin {

    /** What a login cut off by its timeout tells the client to wait. */
    static final long TIMED_OUT_RETRY_AFTER_SECONDS = 5;

    private final LoginLockout lockout;
    private final AddressThrottling throttle;
    private final HolderTokens tokens;
    private final RefreshTokens refreshTokens;
    private final LoginConfig config;
    private final Vertx vertx;
    private final LoginMetrics metrics;
    private final HolderSessions sessions;

    public HolderLogin(LoginLockout lockout, AddressThrottling throttle, HolderTokens tokens, RefreshTokens refreshTokens,
            LoginConfig config, Vertx vertx, LoginMetrics metrics, HolderSessions sessions) {
        this.lockout = lockout;
        this.throttle = throttle;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.config = config;
        this.vertx = vertx;
        this.metrics = metrics;
        this.sessions = sessions;
    }

    /** What a login or a refresh hands the app. */
    public record Session(TokenIssuer.IssuedToken access, RefreshTokens.Issued refresh) {
    }

    /**
     * Exactly one of {@code permitNumber} and {@code socialSecurityNumber} names the account; {@code device} is what the
     * holder will see the session as (issue 18), and a refused attempt on an existing account goes into their history.
     */
    public Uni<Session> login(String permitNumber, String socialSecurityNumber, String password, String address, Device device) {
        return within(config.checkTimeout(), throttle.check(address)
                .onFailure().invoke(() -> metrics.failed(LoginMetrics.Kind.HOLDER, LoginMetrics.Reason.ADDRESS_THROTTLED))
                .chain(() -> Panache.withSession(() -> permitNumber != null ? HolderAccount.byPermit(permitNumber)
                        : HolderAccount.bySocialSecurityNumber(socialSecurityNumber)))
                .chain(account -> account == null
                        ? lockout.refuse(permitNumber != null ? "permit:" + permitNumber : "ssn:" + socialSecurityNumber, password, address)
                        : lockout.check(account.id, password, address)
                                // a wrong password (or one refused while locked) is what the holder's history shows
                                .onFailure(f -> f instanceof ProblemException p && p.code() == AccountError.INVALID_CREDENTIALS)
                                .call(() -> sessions.failed(account.id, device, address)))
                .chain(account -> {
                    if (account.status != AccountStatus.ACTIVE) {
                        // only someone who knows the password learns that the registration is unfinished
                        return Uni.createFrom().failure(new ProblemException(AccountError.VERIFICATION_PENDING)
                                .with("accountId", account.id.toString()));
                    }
                    return Panache.withTransaction(() -> refreshTokens.startFamily(account.id)
                            .call(refresh -> sessions.started(account, refresh.sessionId(), device, address)))
                            .map(refresh -> new Session(tokens.access(account, refresh.sessionId()), refresh));
                }));
    }

    /**
     * {@code work}, or 503 {@code BUSY} with {@code Retry-After} once {@code timeout} has passed without its answer:
     * then {@code work} is cancelled, so its transaction under way rolls back and its reservation is voided
     * ({@link LoginLockout#check}). The timer runs on the caller's Vert.x context, so the cancellation (and the
     * closing of the Hibernate session it causes) happens on the event loop that opened the session.
     */
    private <T> Uni<T> within(Duration timeout, Uni<T> work) {
        Uni<T> deadline = Uni.createFrom().emitter(emitter -> {
            long timer = vertx.setTimer(timeout.toMillis(), id -> {
                Log.warnf("a login took longer than %s: answered 503 BUSY, its work cancelled", timeout);
                emitter.fail(new ProblemException(AccountError.BUSY).with("retryAfterSeconds", TIMED_OUT_RETRY_AFTER_SECONDS));
            });
            emitter.onTermination(() -> vertx.cancelTimer(timer));
        });
        return Uni.combine().any().of(work, deadline);
    }

    /** A new access token and the next refresh token, for the refresh token presented (which is used up). */
    public Uni<Session> refresh(String presented) {
        return Panache.withTransaction(() -> refreshTokens.rotate(presented).chain(rotation -> rotation.reused()
                ? Uni.createFrom().<Session>nullItem()
                : HolderAccount.<HolderAccount>findById(rotation.accountId()).map(account -> {
                    if (account == null || account.status != AccountStatus.ACTIVE) {
                        throw new ProblemException(AccountError.REFRESH_TOKEN_INVALID);
                    }
                    return new Session(tokens.access(account, rotation.next().sessionId()), rotation.next());
                })))
                // a reused token's family revocation is committed first, then refused
                .onItem().ifNull().failWith(() -> new ProblemException(AccountError.REFRESH_TOKEN_INVALID));
    }

    /** Ends the login the refresh token belongs to. */
    public Uni<Void> logout(String presented) {
        return Panache.withTransaction(() -> refreshTokens.logout(presented));
    }
}

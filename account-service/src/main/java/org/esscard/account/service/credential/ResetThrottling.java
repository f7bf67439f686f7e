package org.esscard.account.service.credential;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.esscard.account.config.AccountConfig;
import org.esscard.account.config.LoginConfig;
import org.esscard.account.repository.HolderAccount;
import org.esscard.account.service.AccountError;
import org.esscard.platform.problem.PlatformError;
import org.esscard.platform.problem.ProblemException;
import org.esscard.platform.problem.RetryAfter;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Bounds the reset sessions (forgot password R14, PIN reset R15) anyone can open for an account, because each one
 * is a fresh set of bank-card and mobile checks on the holder's identity and a fresh SMS budget:
 * <ul>
 * <li>per account and client address, {@code reset-sessions-per-address} (3) an hour: one network cannot flood;</li>
 * <li>account-wide, from addresses the holder never logged in from, the first {@code reset-free-sessions} (3) in a
 * day open at once, then each further one waits a minimum interval that doubles (1, 2, 4, 8 min) up to 15 min:
 * many networks together cannot flood either;</li>
 * <li>an address the holder logged in from in the last 30 days (the one {@link LoginLockout} trusts) skips the account-wide pace, so a flood from
 * elsewhere never keeps the holder's own phone or home network from its reset. Nothing here ever refuses for
 * longer than an hour (the per-address window) or 15 minutes (the pace).</li>
 * </ul>
 * Counted under the account's row lock, so parallel requests take turns; held in PostgreSQL, shared by every replica.
 */
@ApplicationScoped
public class ResetThrottling {

    /** Which reset a session is for: each has its own per-address allowance. */
    public enum Kind {
        PASSWORD_RESET,
        PIN_RESET
    }

    private final AccountConfig config;
    private final LoginConfig login;
    private final Clock clock;

    public ResetThrottling(AccountConfig config, LoginConfig login, Clock clock) {
        this.config = config;
        this.login = login;
        this.clock = clock;
    }

    /**
     * Admits one more {@code kind} session of {@code accountId} from {@code address}, or fails with
     * {@code TOO_MANY_RESETS} and {@code retryAfterSeconds}. Runs its own transaction under the account's row lock.
     */
    public Uni<Void> admit(UUID accountId, Kind kind, String address) {
        OffsetDateTime now = now();
        return Panache.withTransaction(() -> HolderAccount.lock(accountId).invoke(account -> {
            if (account == null) {
                throw new ProblemException(PlatformError.UNAUTHORIZED);
            }
        }).chain(account -> Panache.getSession()
                // the account's row lock serialises every admission of the account: no lock on these rows is needed
                .chain(session -> session.createNativeQuery("select window_started_at from reset_throttle"
                        + " where account_id = :account and kind = :kind and client_address = :address and sessions >= :cap",
                        OffsetDateTime.class)
                        .setParameter("account", accountId).setParameter("kind", kind.name()).setParameter("address", address)
                        .setParameter("cap", config.resetSessionsPerAddress())
                        .getResultList()
                        .chain(full -> {
                            refuseIfAddressFull(full, now);
                            // the holder's own address is the one LoginLockout trusts: a recent successful login from it
                            return session.createNativeQuery("select count(*) from login_failure where account_id = :account"
                                    + " and client_address = :address and last_success_at > :since", Long.class)
                                    .setParameter("account", accountId).setParameter("address", address)
                                    .setParameter("since", now.minus(login.trustedAddressFor()))
                                    .getSingleResult();
                        })
                        .chain(known -> {
                            if (known == 0) {
                                pace(account, now);
                            }
                            return session.createNativeQuery("insert into reset_throttle (account_id, kind, client_address,"
                                    + " window_started_at, sessions) values (:account, :kind, :address, :now, 1)"
                                    + " on conflict (account_id, kind, client_address) do update set"
                                    + " window_started_at = case when reset_throttle.window_started_at <= :cutoff then :now"
                                    + " else reset_throttle.window_started_at end,"
                                    + " sessions = case when reset_throttle.window_started_at <= :cutoff then 1"
                                    + " else reset_throttle.sessions + 1 end")
                                    .setParameter("account", accountId).setParameter("kind", kind.name())
                                    .setParameter("address", address).setParameter("now", now)
                                    .setParameter("cutoff", now.minus(config.resetAddressWindow()))
                                    .executeUpdate();
                        }))).replaceWithVoid());
    }

    /** Refuses while the address's window, already full, lasts. */
    private void refuseIfAddressFull(List<OffsetDateTime> full, OffsetDateTime now) {
        if (full.isEmpty()) {
            return;
        }
        OffsetDateTime ends = full.get(0).plus(config.resetAddressWindow());
        if (ends.isAfter(now)) {
            throw refusal(Duration.between(now, ends));
        }
    }

    /** The account-wide slow-down for addresses the holder is not known from; counts the session if admitted. */
    private void pace(HolderAccount account, OffsetDateTime now) {
        boolean remembered = account.lastResetSessionAt != null && account.lastResetSessionAt.plus(config.resetMemory()).isAfter(now);
        int recent = remembered ? account.resetSessionsRecent : 0;
        if (recent >= config.resetFreeSessions()) {
            Duration interval = interval(recent - config.resetFreeSessions());
            OffsetDateTime next = account.lastResetSessionAt.plus(interval);
            if (next.isAfter(now)) {
                throw refusal(Duration.between(now, next));
            }
        }
        account.resetSessionsRecent = recent + 1;
        account.lastResetSessionAt = now;
    }

    /** base × 2^n, capped. */
    Duration interval(int beyondFree) {
        Duration interval = config.resetBaseInterval();
        for (int i = 0; i < beyondFree && interval.compareTo(config.resetMaxInterval()) < 0; i++) {
            interval = interval.multipliedBy(2);
        }
        return interval.compareTo(config.resetMaxInterval()) > 0 ? config.resetMaxInterval() : interval;
    }

    private static ProblemException refusal(Duration wait) {
        long seconds = RetryAfter.of(wait).seconds();
        return new ProblemException(AccountError.TOO_MANY_RESETS, seconds).with("retryAfterSeconds", seconds);
    }

    /** Forgets windows that ended long ago. */
    @Scheduled(every = "1h", delayed = "3m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeStale() {
        OffsetDateTime now = now();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("delete from reset_throttle where window_started_at < :before")
                .setParameter("before", now.minus(config.resetAddressWindow()).minusHours(1)).executeUpdate()))
                .replaceWithVoid();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}

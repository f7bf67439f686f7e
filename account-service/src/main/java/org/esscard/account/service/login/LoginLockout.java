package org.esscard.account.service.login;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.esscard.account.config.LoginConfig;
import org.esscard.account.repository.CredentialAttempt;
import org.esscard.account.repository.HolderAccount;
import org.esscard.account.repository.LoginFailure;
import org.esscard.account.repository.LoginSlowdown;
import org.esscard.account.service.AccountError;
import org.esscard.account.service.credential.CredentialHashing;
import org.esscard.account.service.login.LoginMetrics.Kind;
import org.esscard.account.service.login.LoginMetrics.Reason;
import org.esscard.platform.problem.ProblemException;
import org.esscard.platform.problem.RetryAfter;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks a holder's password under the brute-force rules (R11, R12, DESIGN §4, issue 13), on three levels:
 * <ul>
 * <li><b>per account and client address</b>: after {@code failuresBeforeLockout} wrong in a row from one address
 * the account is locked <em>at that address</em> for 1 min, then 5, 15, at most 1 h; failures from elsewhere never
 * lock the holder out of their own address;</li>
 * <li><b>per account</b>, for addresses without a recent success: after {@code attemptsBeforeSlowdown} attempts
 * each further one must wait a growing delay (429 {@code LOGIN_DELAYED}), so an attacker spread over any number
 * of addresses gets a bounded number of guesses a day; the same for an identifier with no account;</li>
 * <li>per client address ({@link AddressThrottling}).</li>
 * </ul>
 * Every check is reserved (a {@link CredentialAttempt}) under the account's row lock <em>before</em> the hash runs,
 * so a burst of parallel guesses gets no more tries than a sequence; a reservation never settled stops counting
 * after {@code attemptTimeout}, and a settlement that comes later than that is void (503 {@code BUSY}, its answer
 * withheld). Locked, unknown or wrong: the same {@code INVALID_CREDENTIALS} after the same Argon2id work; only
 * {@link LoginMetrics} tells them apart, for the operators.
 */
@ApplicationScoped
public class LoginLockout {

    private static final String ACCOUNT_SUBJECT = "account:";

    private final LoginConfig config;
    private final CredentialHashing hashing;
    private final AddressThrottling throttle;
    private final Clock clock;
    private final Pool client;
    private final LoginMetrics metrics;

    public LoginLockout(LoginConfig config, CredentialHashing hashing, AddressThrottling throttle, Clock clock, Pool client,
            LoginMetrics metrics) {
        this.config = config;
        this.hashing = hashing;
        this.throttle = throttle;
        this.clock = clock;
        this.client = client;
        this.metrics = metrics;
        if (config.attemptTimeout().compareTo(config.checkTimeout()) <= 0) {
            Log.warnf("esscard.login.attempt-timeout %s is not longer than check-timeout %s: slow checks will answer BUSY",
                    config.attemptTimeout(), config.checkTimeout());
        }
    }

    /** The go-ahead for one password check: its reservation, against which hash, from a trusted address or not. */
    private record Reservation(UUID attemptId, OffsetDateTime reservedAt, String passwordHash, boolean trusted) {
    }

    /**
     * Whether {@code password} is the account's, counted against the account and {@code address}. Succeeds with the
     * account as stored after the check; fails with {@code INVALID_CREDENTIALS} otherwise, {@code LOGIN_DELAYED} while
     * the account-wide slow-down makes {@code address} wait, {@code BUSY} when the check outlived its reservation.
     */
    public Uni<HolderAccount> check(UUID accountId, String password, String address) {
        // the place in the hash queue first: a full queue refuses the check before anything of the account is counted
        return hashing.withPlace(place -> Panache.withTransaction(() -> HolderAccount.lock(accountId).chain(account -> reserve(account, address)))
                .chain(reservation -> reservation == null ? decoy(place.decoy(password), address, Reason.LOCKED)
                        : place.verifyPassword(password, reservation.passwordHash())
                                .chain(matches -> settle(accountId, address, reservation, matches))
                                // cut off (client gone, the login's timeout): the transaction under way rolls back, the reservation goes
                                .onCancellation().invoke(() -> voidReservation(reservation.attemptId()))));
    }

    /**
     * The answer for a login with an identifier no account has ({@code subject}, such as {@code permit:<number>}):
     * the same slow-down, work and refusal as a wrong password.
     */
    public Uni<HolderAccount> refuse(String subject, String password, String address) {
        return hashing.withPlace(place -> Panache.withTransaction(() -> slowDown(subject, now()))
                .chain(() -> decoy(place.decoy(password), address, Reason.UNKNOWN_ACCOUNT)));
    }

    private Uni<HolderAccount> decoy(Uni<Boolean> work, String address, Reason reason) {
        return work.chain(() -> throttle.fail(address))
                .invoke(() -> metrics.failed(Kind.HOLDER, reason))
                .chain(() -> Uni.createFrom().failure(new ProblemException(AccountError.INVALID_CREDENTIALS)));
    }

    /**
     * Deletes a reservation whose check was cut off, outside Hibernate: the cut-off session may still be closing on
     * this context. Its failure only leaves the reservation to time out.
     */
    private void voidReservation(UUID attemptId) {
        client.preparedQuery("delete from credential_attempt where id = $1").execute(Tuple.of(attemptId))
                .subscribe().with(rows -> Log.debugf("login attempt %s cut off: reservation voided", attemptId),
                        e -> Log.warnf("could not void login attempt %s (it times out instead): %s", attemptId, e.getMessage()));
    }

    private Uni<Reservation> reserve(HolderAccount account, String address) {
        if (account == null) {
            return Uni.createFrom().nullItem();
        }
        OffsetDateTime now = now();
        return LoginFailure.of(account.id, address).chain(pair -> {
            boolean trusted = pair != null && pair.lastSuccessAt != null && pair.lastSuccessAt.plus(config.trustedAddressFor()).isAfter(now);
            // the holder's own address is never slowed down; every other one shares the account's budget
            Uni<Void> slowed = trusted ? Uni.createFrom().voidItem() : slowDown(ACCOUNT_SUBJECT + account.id, now, account.lockoutsClearedAt);
            return slowed.chain(() -> CredentialAttempt.live(account.id, CredentialAttempt.PASSWORD, address, since(account, now)))
                    .chain(live -> {
                        LoginFailure current = forgetStale(pair, account, now);
                        if (current != null && current.lockedUntil != null && current.lockedUntil.isAfter(now)) {
                            return Uni.createFrom().<Reservation>nullItem();
                        }
                        int failures = current == null ? 0 : current.failures;
                        if (failures + live >= config.failuresBeforeLockout()) {
                            // that many checks of this streak are settled or under way
                            return Uni.createFrom().<Reservation>nullItem();
                        }
                        CredentialAttempt attempt = new CredentialAttempt();
                        attempt.id = UUID.randomUUID();
                        attempt.accountId = account.id;
                        attempt.kind = CredentialAttempt.PASSWORD;
                        attempt.clientAddress = address;
                        attempt.reservedAt = now;
                        return attempt.<CredentialAttempt>persist()
                                .map(saved -> new Reservation(saved.id, saved.reservedAt, account.passwordHash, trusted));
                    });
        });
    }

    /**
     * Counts one attempt against {@code subject}'s slow-down, or fails with {@code LOGIN_DELAYED} while it must wait.
     * Counted when it starts, so a parallel burst is bounded as well; a right password takes its count back.
     */
    private Uni<Void> slowDown(String subject, OffsetDateTime now) {
        return slowDown(subject, now, null);
    }

    private Uni<Void> slowDown(String subject, OffsetDateTime now, OffsetDateTime clearedAt) {
        return LoginSlowdown.lock(subject, now).map(slowdown -> {
            if (slowdown.lastAttemptAt.plus(config.lockoutMemory()).isBefore(now)
                    || (clearedAt != null && !slowdown.lastAttemptAt.isAfter(clearedAt))) {
                slowdown.attempts = 0;
                slowdown.nextAttemptAt = null;
            }
            if (slowdown.nextAttemptAt != null && slowdown.nextAttemptAt.isAfter(now)) {
                long retryAfter = RetryAfter.of(Duration.between(now, slowdown.nextAttemptAt)).seconds();
                metrics.failed(Kind.HOLDER, Reason.SLOWED_DOWN);
                throw new ProblemException(AccountError.LOGIN_DELAYED, retryAfter).with("retryAfterSeconds", retryAfter);
            }
            slowdown.attempts++;
            slowdown.lastAttemptAt = now;
            int beyond = slowdown.attempts - config.attemptsBeforeSlowdown();
            if (beyond >= 0) {
                List<Duration> delays = config.slowdownDelays();
                slowdown.nextAttemptAt = now.plus(delays.get(Math.min(beyond, delays.size() - 1)));
                if (beyond == 0) {
                    Log.infof("login subject %s slowed down after %d attempts from addresses without a recent success",
                            subject.startsWith(ACCOUNT_SUBJECT) ? subject : "(no account)", slowdown.attempts);
                }
            }
            return null;
        });
    }

    /** The pair's entry with what no longer counts forgotten: after a day without failures or a password reset. */
    private LoginFailure forgetStale(LoginFailure pair, HolderAccount account, OffsetDateTime now) {
        if (pair == null) {
            return null;
        }
        boolean quiet = pair.lastFailedAt != null && pair.lastFailedAt.plus(config.lockoutMemory()).isBefore(now);
        boolean cleared = account.lockoutsClearedAt != null && !pair.updatedAt.isAfter(account.lockoutsClearedAt);
        if (quiet || cleared) {
            pair.failures = 0;
            pair.lockoutLevel = 0;
            pair.lockedUntil = null;
        }
        return pair;
    }

    private Uni<HolderAccount> settle(UUID accountId, String address, Reservation reservation, boolean matches) {
        return Panache.withTransaction(() -> HolderAccount.lock(accountId).chain(account -> CredentialAttempt
                .release(reservation.attemptId()).chain(released -> {
                    OffsetDateTime now = now();
                    if (account == null || !released || reservation.reservedAt().isBefore(since(account, now))) {
                        // void: it took longer than the timeout (another check may have been let in in its place, or
                        // the purge took it), or a reset came meanwhile; its answer is withheld
                        return Uni.createFrom().item(new Outcome(Settled.VOID, account, false));
                    }
                    return LoginFailure.of(accountId, address)
                            .chain(pair -> {
                                LoginFailure current = forgetStale(pair, account, now);
                                if (current == null) {
                                    current = new LoginFailure();
                                    current.accountId = accountId;
                                    current.clientAddress = address;
                                }
                                current.updatedAt = now;
                                Uni<LoginFailure> saved = pair == null ? current.<LoginFailure>persist() : Uni.createFrom().item(current);
                                if (!matches) {
                                    return saved.map(s -> new Outcome(Settled.WRONG, account, failed(s)));
                                }
                                return saved.invoke(LoginLockout::succeeded)
                                        .call(s -> reservation.trusted() ? Uni.createFrom().voidItem() : takeBack(accountId, now))
                                        .replaceWith(new Outcome(Settled.RIGHT, account, false));
                            });
                })))
                // the settlement is committed before a refusal, so the count survives it
                .chain(outcome -> switch (outcome.settled()) {
                    case RIGHT -> Uni.createFrom().item(outcome.account());
                    case WRONG -> throttle.fail(address)
                            .invoke(() -> {
                                metrics.failed(Kind.HOLDER, Reason.WRONG_PASSWORD);
                                if (outcome.lockedOut()) {
                                    metrics.lockedOut(Kind.HOLDER);
                                }
                            })
                            .chain(() -> Uni.createFrom().<HolderAccount>failure(new ProblemException(AccountError.INVALID_CREDENTIALS)));
                    case VOID -> Uni.createFrom().<HolderAccount>failure(new ProblemException(AccountError.BUSY).with("retryAfterSeconds", 5));
                });
    }

    private enum Settled {
        RIGHT, WRONG, VOID
    }

    /** How a check settled; {@code lockedOut}: this wrong password began a lockout. */
    private record Outcome(Settled settled, HolderAccount account, boolean lockedOut) {
    }

    private static void succeeded(LoginFailure pair) {
        pair.failures = 0;
        pair.lockoutLevel = 0;
        pair.lockedUntil = null;
        pair.lastSuccessAt = pair.updatedAt;
    }

    /** Counts a wrong password against the pair; whether it began a lockout. */
    private boolean failed(LoginFailure pair) {
        pair.lastFailedAt = pair.updatedAt;
        pair.failures++;
        if (pair.failures >= config.failuresBeforeLockout()) {
            Duration lockout = lockout(pair.lockoutLevel);
            pair.lockedUntil = pair.updatedAt.plus(lockout);
            pair.lockoutLevel++;
            Log.infof("account %s locked at one address for %s after %d wrong passwords in a row (lockout %d)", pair.accountId,
                    lockout, pair.failures, pair.lockoutLevel);
            pair.failures = 0;
            return true;
        }
        return false;
    }

    /** A right password from an address without a recent success: its attempt no longer counts account-wide. */
    private Uni<Void> takeBack(UUID accountId, OffsetDateTime now) {
        return LoginSlowdown.lock(ACCOUNT_SUBJECT + accountId, now).invoke(slowdown -> slowdown.attempts = Math.max(0, slowdown.attempts - 1))
                .replaceWithVoid();
    }

    /** The start of what still counts: reservations and failures before it are void. */
    private OffsetDateTime since(HolderAccount account, OffsetDateTime now) {
        OffsetDateTime timeout = now.minus(config.attemptTimeout());
        return account.lockoutsClearedAt != null && account.lockoutsClearedAt.isAfter(timeout) ? account.lockoutsClearedAt : timeout;
    }

    /** Forgets every failure of the account, at every address: after a password reset proved the holder's face. */
    public void clear(HolderAccount account) {
        account.lockoutsClearedAt = now();
    }

    /** The length of the lockout after {@code level} earlier ones; the last of the schedule repeats. */
    Duration lockout(int level) {
        List<Duration> schedule = config.lockouts();
        return schedule.get(Math.min(level, schedule.size() - 1));
    }

    /** Forgets void reservations, quiet slow-downs and pairs that neither count nor trust any more. */
    @Scheduled(every = "1h", delayed = "3m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeStale() {
        OffsetDateTime now = now();
        OffsetDateTime quiet = now.minus(config.lockoutMemory()).minusHours(1);
        OffsetDateTime untrusted = now.minus(config.trustedAddressFor());
        return Panache.withTransaction(() -> CredentialAttempt.delete("reservedAt < ?1", now.minus(config.attemptTimeout()).minusMinutes(5))
                .chain(() -> LoginSlowdown.delete("lastAttemptAt < ?1", quiet))
                .chain(() -> LoginFailure.delete("updatedAt < ?1 and (lockedUntil is null or lockedUntil < ?2)"
                        + " and (lastSuccessAt is null or lastSuccessAt < ?3)", quiet, now, untrusted)))
                .replaceWithVoid();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}

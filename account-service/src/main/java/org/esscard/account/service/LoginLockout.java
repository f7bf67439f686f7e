package org.esscard.account.service;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.esscard.account.config.LoginConfig;
import org.esscard.account.repository.HolderAccount;
import org.esscard.account.rest.AccountError;
import org.esscard.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks a holder's password under the brute-force rules (R11, R12, DESIGN §4). Every check is counted as a
 * failure <em>before</em> the hash runs, so a burst of parallel guesses gets no more tries than a sequence:
 * after {@code failuresBeforeLockout} in a row the account is locked for 1 min, then 5, 15, and at most 1 h for
 * each further streak. A lock lifts by itself; a correct password, a password reset or a day without failures
 * starts the schedule over. Locked, unknown or wrong: the caller always gets the same {@code INVALID_CREDENTIALS}
 * after the same Argon2id work, so nothing tells whether the account exists or is locked.
 */
@ApplicationScoped
public class LoginLockout {

    private final LoginConfig config;
    private final CredentialHashing hashing;
    private final AddressThrottling throttle;
    private final Clock clock;

    public LoginLockout(LoginConfig config, CredentialHashing hashing, AddressThrottling throttle, Clock clock) {
        this.config = config;
        this.hashing = hashing;
        this.throttle = throttle;
        this.clock = clock;
    }

    /** The go-ahead for one password check: which try of the streak it is, against which hash. */
    private record Reservation(int streak, String passwordHash) {
    }

    /**
     * Whether {@code password} is the account's, counted against the account and {@code address}. Succeeds with the
     * account as stored after the check; fails with {@code INVALID_CREDENTIALS} otherwise.
     */
    public Uni<HolderAccount> check(UUID accountId, String password, String address) {
        return Panache.withTransaction(() -> HolderAccount.lock(accountId).map(this::reserve))
                .chain(reservation -> reservation == null ? refuse(password, address)
                        : hashing.verifyPassword(password, reservation.passwordHash()).chain(matches -> matches
                                ? succeeded(accountId)
                                : failed(accountId, reservation.streak(), address)));
    }

    /** The answer for a login of no account: the same work and the same refusal as a wrong password. */
    public Uni<HolderAccount> refuse(String password, String address) {
        return hashing.decoy(password).chain(() -> throttle.fail(address))
                .chain(() -> Uni.createFrom().failure(new ProblemException(AccountError.INVALID_CREDENTIALS)));
    }

    private Reservation reserve(HolderAccount account) {
        if (account == null) {
            return null;
        }
        OffsetDateTime now = now();
        if (account.lockedUntil != null && account.lockedUntil.isAfter(now)) {
            return null;
        }
        if (account.lastFailedLoginAt != null && account.lastFailedLoginAt.plus(config.lockoutMemory()).isBefore(now)) {
            account.lockoutLevel = 0;
            account.failedLogins = 0;
        }
        if (account.failedLogins >= config.failuresBeforeLockout()) {
            // that many checks of this streak are already under way
            return null;
        }
        account.failedLogins++;
        account.updatedAt = now;
        return new Reservation(account.failedLogins, account.passwordHash);
    }

    private Uni<HolderAccount> succeeded(UUID accountId) {
        return Panache.withTransaction(() -> HolderAccount.lock(accountId).map(account -> {
            account.failedLogins = 0;
            account.lockoutLevel = 0;
            account.lockedUntil = null;
            account.updatedAt = now();
            return account;
        }));
    }

    private Uni<HolderAccount> failed(UUID accountId, int streak, String address) {
        return Panache.withTransaction(() -> HolderAccount.lock(accountId).invoke(account -> {
            OffsetDateTime now = now();
            account.lastFailedLoginAt = now;
            account.updatedAt = now;
            if (streak >= config.failuresBeforeLockout()) {
                Duration lockout = lockout(account.lockoutLevel);
                account.lockedUntil = now.plus(lockout);
                account.lockoutLevel++;
                account.failedLogins = 0;
                Log.infof("account %s locked for %s after %d wrong passwords in a row (lockout %d)", account.id, lockout, streak,
                        account.lockoutLevel);
            }
        }))
                .chain(() -> throttle.fail(address))
                .chain(() -> Uni.createFrom().failure(new ProblemException(AccountError.INVALID_CREDENTIALS)));
    }

    /** Clears every trace of failures: after a password reset proved the holder's face. */
    public static void clear(HolderAccount account) {
        account.failedLogins = 0;
        account.lockoutLevel = 0;
        account.lockedUntil = null;
        account.lastFailedLoginAt = null;
    }

    /** The length of the lockout after {@code level} earlier ones; the last of the schedule repeats. */
    Duration lockout(int level) {
        List<Duration> schedule = config.lockouts();
        return schedule.get(Math.min(level, schedule.size() - 1));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}

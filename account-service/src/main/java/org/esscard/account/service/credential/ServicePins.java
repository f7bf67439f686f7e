package org.esscard.account.service.credential;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.esscard.account.config.LoginConfig;
import org.esscard.account.config.PinConfig;
import org.esscard.account.repository.AccountStatus;
import org.esscard.account.repository.CredentialAttempt;
import org.esscard.account.repository.HolderAccount;
import org.esscard.account.repository.ServicePin;
import org.esscard.account.service.AccountError;
import org.esscard.account.service.Failures;
import org.esscard.account.service.login.LoginLockout;
import org.esscard.account.service.token.HolderTokens;
import org.esscard.account.service.token.SessionRevocations;
import org.esscard.account.service.token.TokenIssuer;
import org.esscard.account.service.verification.IdentityGateway;
import org.esscard.events.account.SessionsRevoked;
import org.esscard.events.identity.VerificationPurpose;
import org.esscard.events.identity.api.SessionView;
import org.esscard.platform.problem.PlatformError;
import org.esscard.platform.problem.ProblemException;
import org.esscard.platform.problem.RetryAfter;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The 6-digit PIN of permit services (R15). The holder sets it on first use (proving the login password, from
 * which it must differ), and verifying it yields the step-up token permit-service requires. Stored as Argon2id
 * with a pepper from configuration. Each check is reserved before the hash runs (a {@link CredentialAttempt}, void
 * after the attempt timeout if never settled); the 5th wrong PIN in a row locks it for 1 h, the next streak 4 h,
 * every further one 24 h (the cap), and a PIN_RESET session (facial recognition) in identity-service ends a lock at
 * once, by removing the PIN. A right PIN starts the schedule over.
 */
@ApplicationScoped
public class ServicePins {

    private final PinConfig config;
    private final Duration attemptTimeout;
    private final CredentialHashing hashing;
    private final LoginLockout lockout;
    private final HolderTokens tokens;
    private final IdentityGateway identity;
    private final SessionRevocations sessions;
    private final Clock clock;

    public ServicePins(PinConfig config, LoginConfig login, CredentialHashing hashing, LoginLockout lockout, HolderTokens tokens,
            IdentityGateway identity, SessionRevocations sessions, Clock clock) {
        this.config = config;
        this.attemptTimeout = login.attemptTimeout();
        this.hashing = hashing;
        this.lockout = lockout;
        this.tokens = tokens;
        this.identity = identity;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Whether a PIN is set, locked (and until when), how many wrong attempts remain: what the app asks before prompting. */
    public record PinState(boolean set, boolean locked, int remainingAttempts, OffsetDateTime lockedUntil) {
    }

    public Uni<PinState> state(UUID accountId) {
        return Panache.withSession(() -> ServicePin.<ServicePin>findById(accountId)).map(pin -> {
            if (pin == null) {
                return new PinState(false, false, config.maxFailures(), null);
            }
            boolean locked = locked(pin, now());
            return new PinState(true, locked, locked ? 0 : Math.max(0, config.maxFailures() - pin.failures), locked ? pin.lockedUntil : null);
        });
    }

    /**
     * Sets the PIN, or changes it ({@code currentPin} then required and counted like a verification). The login
     * password proves the holder is at the keyboard and lets the rule "different from the password" be checked.
     */
    public Uni<Void> set(UUID accountId, String password, String pin, String currentPin, String address) {
        return Uni.createFrom().item(() -> {
            PinPolicy.check(pin).ifPresent(rule -> {
                throw new ProblemException(AccountError.PIN_POLICY, rule.ordinal()).with("rule", rule.name());
            });
            return pin;
        })
                .chain(() -> lockout.check(accountId, password, address))
                .invoke(account -> PinPolicy.require(pin, PasswordPolicy.normalize(password)))
                .chain(account -> Panache.withSession(() -> ServicePin.<ServicePin>findById(accountId)))
                .chain(existing -> {
                    if (existing == null) {
                        return Uni.createFrom().voidItem();
                    }
                    if (locked(existing, now())) {
                        return Uni.createFrom().failure(lockedProblem(existing, now()));
                    }
                    if (currentPin == null || currentPin.isEmpty()) {
                        return Uni.createFrom().failure(new ProblemException(AccountError.PIN_CURRENT_REQUIRED));
                    }
                    return checkPin(accountId, currentPin).replaceWithVoid();
                })
                .chain(() -> hashing.hashPin(pin))
                // checks of the PIN being replaced are void: their reservations go with it
                .chain(hash -> Panache.withTransaction(() -> ServicePin.lock(accountId).call(existing -> CredentialAttempt
                        .delete("accountId = ?1 and kind = ?2", accountId, CredentialAttempt.PIN)).chain(existing -> {
                    OffsetDateTime now = now();
                    if (existing != null && locked(existing, now)) {
                        return Uni.createFrom().failure(lockedProblem(existing, now));
                    }
                    ServicePin stored = existing != null ? existing : new ServicePin();
                    stored.accountId = accountId;
                    stored.pinHash = hash;
                    stored.failures = 0;
                    stored.lockoutLevel = 0;
                    stored.lockedUntil = null;
                    stored.setAt = now;
                    stored.updatedAt = now;
                    Log.infof("account %s: service PIN %s", accountId, existing != null ? "changed" : "set");
                    return existing != null ? Uni.createFrom().voidItem() : stored.persist().replaceWithVoid();
                })))
                .onFailure(Failures::isUniqueViolation).transform(e -> new ProblemException(PlatformError.CONFLICT));
    }

    /** Verifies the PIN and returns the step-up token (amr pwd + pin, {@code pin_at}) of the login {@code sessionId}. */
    public Uni<TokenIssuer.IssuedToken> stepUp(UUID accountId, String pin, String sessionId) {
        return checkPin(accountId, pin)
                .chain(() -> Panache.withSession(() -> HolderAccount.<HolderAccount>findById(accountId)))
                .map(account -> {
                    if (account == null || account.status != AccountStatus.ACTIVE) {
                        throw new ProblemException(PlatformError.UNAUTHORIZED);
                    }
                    return tokens.steppedUp(account, sessionId);
                });
    }

    /** Opens the PIN_RESET session (facial recognition of the bound permit's holder); success removes the PIN. */
    public Uni<SessionView> startReset(UUID accountId) {
        return Panache.withSession(() -> HolderAccount.<HolderAccount>findById(accountId))
                .chain(account -> {
                    if (account == null || account.status != AccountStatus.ACTIVE) {
                        return Uni.createFrom().failure(new ProblemException(PlatformError.UNAUTHORIZED));
                    }
                    if (account.permitNumber == null) {
                        return Uni.createFrom().failure(new ProblemException(AccountError.PERMIT_NOT_BOUND));
                    }
                    return identity.open(VerificationPurpose.PIN_RESET, account.permitNumber, account.holderName, account.id);
                })
                .call(session -> Panache.withTransaction(() -> HolderAccount.lock(accountId).invoke(account -> {
                    account.pinResetSessionId = session.sessionId();
                    account.updatedAt = now();
                })));
    }

    /** One PIN check: reserved first, then hashed, then settled; fails with the rule's answer. */
    private Uni<Void> checkPin(UUID accountId, String pin) {
        return Panache.withTransaction(() -> ServicePin.lock(accountId).chain(stored -> {
            if (stored == null) {
                return Uni.createFrom().<Reservation>failure(new ProblemException(AccountError.PIN_NOT_SET));
            }
            OffsetDateTime now = now();
            if (locked(stored, now)) {
                return Uni.createFrom().<Reservation>failure(lockedProblem(stored, now));
            }
            return CredentialAttempt.live(accountId, CredentialAttempt.PIN, null, since(now)).chain(live -> {
                if (stored.failures + live >= config.maxFailures()) {
                    // the remaining attempts are all under way right now
                    return Uni.createFrom().<Reservation>failure(new ProblemException(AccountError.TOO_MANY_ATTEMPTS, 1)
                            .with("retryAfterSeconds", 1));
                }
                CredentialAttempt attempt = new CredentialAttempt();
                attempt.id = UUID.randomUUID();
                attempt.accountId = accountId;
                attempt.kind = CredentialAttempt.PIN;
                attempt.reservedAt = now;
                return attempt.<CredentialAttempt>persist().map(saved -> new Reservation(saved.id, stored.pinHash));
            });
        }))
                .chain(reservation -> hashing.verifyPin(pin == null ? "" : pin, reservation.pinHash())
                        .chain(matches -> Panache.withTransaction(() -> ServicePin.lock(accountId)
                                .chain(stored -> CredentialAttempt.<CredentialAttempt>findById(reservation.attemptId())
                                        .chain(attempt -> settle(stored, attempt, matches)))
                                // a PIN that locks now ends every login of the account, with the lock
                                .call(settled -> settled.lockedNow() ? sessions.revokeAll(accountId, SessionsRevoked.PIN_LOCKED)
                                        : Uni.createFrom().voidItem()))))
                // the settlement is committed before a refusal, so the count survives it
                .map(settled -> {
                    switch (settled.outcome()) {
                        case RIGHT:
                            return null;
                        case REMOVED:
                            throw new ProblemException(AccountError.PIN_NOT_SET);
                        case VOID:
                            throw new ProblemException(AccountError.BUSY).with("retryAfterSeconds", 5);
                        case LOCKED:
                            throw settled.locked();
                        default:
                            throw new ProblemException(AccountError.PIN_WRONG, settled.remainingAttempts())
                                    .with("remainingAttempts", settled.remainingAttempts());
                    }
                });
    }

    private record Reservation(UUID attemptId, String pinHash) {
    }

    private enum Outcome {
        RIGHT, WRONG, LOCKED, REMOVED, VOID
    }

    /** What a settled check comes to; {@code lockedNow} when this very check locked the PIN (its logins end with it). */
    private record Settled(Outcome outcome, int remainingAttempts, ProblemException locked, boolean lockedNow) {

        Settled(Outcome outcome, int remainingAttempts, ProblemException locked) {
            this(outcome, remainingAttempts, locked, false);
        }
    }

    private Uni<Settled> settle(ServicePin stored, CredentialAttempt attempt, boolean matches) {
        OffsetDateTime now = now();
        // a bulk delete, never attempt.delete(): see CredentialAttempt.release
        Uni<Void> gone = attempt == null ? Uni.createFrom().voidItem() : CredentialAttempt.release(attempt.id).replaceWithVoid();
        if (stored == null) {
            // removed by a PIN reset meanwhile
            return gone.replaceWith(new Settled(Outcome.REMOVED, 0, null));
        }
        if (attempt == null || attempt.reservedAt.isBefore(since(now))) {
            // void: it took longer than the timeout (another check may have been let in in its place), or the PIN
            // was set anew meanwhile (which drops the reservations); its answer is withheld
            return gone.replaceWith(new Settled(Outcome.VOID, 0, null));
        }
        if (locked(stored, now)) {
            // locked by a parallel attempt meanwhile
            return gone.replaceWith(new Settled(Outcome.LOCKED, 0, lockedProblem(stored, now)));
        }
        stored.updatedAt = now;
        if (matches) {
            stored.failures = 0;
            stored.lockoutLevel = 0;
            stored.lockedUntil = null;
            return gone.replaceWith(new Settled(Outcome.RIGHT, config.maxFailures(), null));
        }
        stored.failures++;
        if (stored.failures >= config.maxFailures()) {
            List<Duration> schedule = config.lockouts();
            Duration lock = schedule.get(Math.min(stored.lockoutLevel, schedule.size() - 1));
            stored.lockedUntil = now.plus(lock);
            stored.lockoutLevel++;
            Log.infof("account %s: service PIN locked for %s after %d wrong PINs in a row (lock %d)", stored.accountId, lock,
                    stored.failures, stored.lockoutLevel);
            stored.failures = 0;
            return gone.replaceWith(new Settled(Outcome.LOCKED, 0, lockedProblem(stored, now), true));
        }
        return gone.replaceWith(new Settled(Outcome.WRONG, config.maxFailures() - stored.failures, null));
    }

    private static boolean locked(ServicePin pin, OffsetDateTime now) {
        return pin.lockedUntil != null && pin.lockedUntil.isAfter(now);
    }

    /** 423 {@code PIN_LOCKED} saying when the lock ends (in seconds, minutes or hours) and {@code retryAfterSeconds}. */
    private static ProblemException lockedProblem(ServicePin pin, OffsetDateTime now) {
        RetryAfter wait = RetryAfter.of(Duration.between(now, pin.lockedUntil));
        return new ProblemException(AccountError.PIN_LOCKED, wait.amount(), wait.unit()).with("retryAfterSeconds", wait.seconds())
                .with("lockedUntil", pin.lockedUntil.toInstant().toString());
    }

    /** The start of what still counts: reservations before it are void. */
    private OffsetDateTime since(OffsetDateTime now) {
        return now.minus(attemptTimeout);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}

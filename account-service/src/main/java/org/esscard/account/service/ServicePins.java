package org.esscard.account.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.esscard.account.client.VerificationSession;
import org.esscard.account.config.PinConfig;
import org.esscard.account.repository.AccountStatus;
import org.esscard.account.repository.HolderAccount;
import org.esscard.account.repository.ServicePin;
import org.esscard.account.rest.AccountError;
import org.esscard.events.account.SessionsRevoked;
import org.esscard.events.identity.VerificationPurpose;
import org.esscard.platform.problem.PlatformError;
import org.esscard.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The 6-digit PIN of permit services (R15). The holder sets it on first use (proving the login password, from
 * which it must differ), and verifying it yields the step-up token permit-service requires. Stored as Argon2id
 * with a pepper from configuration. Each check is counted before the hash runs; the 5th wrong PIN in a row locks
 * it, and only a PIN_RESET session (facial recognition) in identity-service unlocks it, by removing it.
 */
@ApplicationScoped
public class ServicePins {

    private final PinConfig config;
    private final CredentialHashing hashing;
    private final LoginLockout lockout;
    private final HolderTokens tokens;
    private final IdentityGateway identity;
    private final SessionRevocations sessions;
    private final Clock clock;

    public ServicePins(PinConfig config, CredentialHashing hashing, LoginLockout lockout, HolderTokens tokens,
            IdentityGateway identity, SessionRevocations sessions, Clock clock) {
        this.config = config;
        this.hashing = hashing;
        this.lockout = lockout;
        this.tokens = tokens;
        this.identity = identity;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Whether a PIN is set, locked, and how many wrong attempts remain: what the app asks before prompting. */
    public record PinState(boolean set, boolean locked, int remainingAttempts) {
    }

    public Uni<PinState> state(UUID accountId) {
        return Panache.withSession(() -> ServicePin.<ServicePin>findById(accountId)).map(pin -> pin == null
                ? new PinState(false, false, config.maxFailures())
                : new PinState(true, pin.lockedAt != null, pin.lockedAt != null ? 0 : Math.max(0, config.maxFailures() - pin.failures)));
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
                    if (existing.lockedAt != null) {
                        return Uni.createFrom().failure(new ProblemException(AccountError.PIN_LOCKED));
                    }
                    if (currentPin == null || currentPin.isEmpty()) {
                        return Uni.createFrom().failure(new ProblemException(AccountError.PIN_CURRENT_REQUIRED));
                    }
                    return checkPin(accountId, currentPin).replaceWithVoid();
                })
                .chain(() -> hashing.hashPin(pin))
                .chain(hash -> Panache.withTransaction(() -> ServicePin.lock(accountId).chain(existing -> {
                    OffsetDateTime now = now();
                    if (existing != null && existing.lockedAt != null) {
                        return Uni.createFrom().failure(new ProblemException(AccountError.PIN_LOCKED));
                    }
                    ServicePin stored = existing != null ? existing : new ServicePin();
                    stored.accountId = accountId;
                    stored.pinHash = hash;
                    stored.failures = 0;
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
    public Uni<VerificationSession> startReset(UUID accountId) {
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

    /** One PIN check: reserved (counted) first, then hashed, then settled; fails with the rule's answer. */
    private Uni<Void> checkPin(UUID accountId, String pin) {
        return Panache.withTransaction(() -> ServicePin.lock(accountId).map(stored -> {
            if (stored == null) {
                throw new ProblemException(AccountError.PIN_NOT_SET);
            }
            if (stored.lockedAt != null) {
                throw new ProblemException(AccountError.PIN_LOCKED);
            }
            if (stored.failures >= config.maxFailures()) {
                // the remaining attempts are all under way right now
                throw new ProblemException(AccountError.TOO_MANY_ATTEMPTS, 1).with("retryAfterSeconds", 1);
            }
            stored.failures++;
            stored.updatedAt = now();
            return new Reservation(stored.failures, stored.pinHash);
        }))
                .chain(reservation -> hashing.verifyPin(pin == null ? "" : pin, reservation.pinHash())
                        .chain(matches -> Panache.withTransaction(() -> ServicePin.lock(accountId)
                                .map(stored -> settle(stored, reservation, matches))
                                // a PIN that locks now ends every login of the account, with the lock
                                .call(settled -> settled.lockedNow() ? sessions.revokeAll(accountId, SessionsRevoked.PIN_LOCKED)
                                        : Uni.createFrom().voidItem()))))
                // the settlement is committed before a refusal, so the count survives it
                .map(settled -> {
                    if (settled.locked()) {
                        throw new ProblemException(AccountError.PIN_LOCKED);
                    }
                    if (!settled.right()) {
                        throw new ProblemException(AccountError.PIN_WRONG, settled.remainingAttempts())
                                .with("remainingAttempts", settled.remainingAttempts());
                    }
                    return null;
                });
    }

    private record Reservation(int attempt, String pinHash) {
    }

    private record Settled(boolean right, boolean locked, int remainingAttempts, boolean lockedNow) {

        Settled(boolean right, boolean locked, int remainingAttempts) {
            this(right, locked, remainingAttempts, false);
        }
    }

    private Settled settle(ServicePin stored, Reservation reservation, boolean matches) {
        if (stored == null || stored.lockedAt != null) {
            // removed by a PIN reset, or locked by a parallel attempt, meanwhile
            return new Settled(false, true, 0);
        }
        OffsetDateTime now = now();
        stored.updatedAt = now;
        if (matches) {
            stored.failures = 0;
            return new Settled(true, false, config.maxFailures());
        }
        if (reservation.attempt() >= config.maxFailures()) {
            stored.lockedAt = now;
            Log.infof("account %s: service PIN locked after %d wrong PINs in a row", stored.accountId, reservation.attempt());
            return new Settled(false, true, 0, true);
        }
        return new Settled(false, false, config.maxFailures() - reservation.attempt());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}

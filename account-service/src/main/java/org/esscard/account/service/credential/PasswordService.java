package org.esscard.account.service.credential;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.esscard.account.config.AccountConfig;
import org.esscard.account.repository.AccountStatus;
import org.esscard.account.repository.HolderAccount;
import org.esscard.account.service.AccountError;
import org.esscard.account.service.login.AddressThrottling;
import org.esscard.account.service.login.LoginLockout;
import org.esscard.account.service.token.RefreshTokens;
import org.esscard.account.service.token.SessionRevocations;
import org.esscard.account.service.verification.IdentityGateway;
import org.esscard.events.Topics;
import org.esscard.events.account.PasswordChanged;
import org.esscard.events.account.SessionsRevoked;
import org.esscard.events.identity.VerificationPurpose;
import org.esscard.events.identity.api.SessionView;
import org.esscard.platform.outbox.Outbox;
import org.esscard.platform.problem.ProblemException;
import org.esscard.platform.text.PassportName;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/**
 * The login password after registration: forgot password (R14: name + permit number, facial recognition in a
 * PASSWORD_RESET session, then a new password under R2) and a change by the logged-in holder. Either way every
 * refresh token of the account is revoked and {@code PasswordChanged} goes out (RESET or CHANGE). A reset also
 * lifts any login lockout: the holder's face has just proved who they are.
 */
@ApplicationScoped
public class PasswordService {

    private final IdentityGateway identity;
    private final CredentialHashing hashing;
    private final LoginLockout lockout;
    private final AddressThrottling throttle;
    private final ResetThrottling resets;
    private final RefreshTokens refreshTokens;
    private final SessionRevocations sessions;
    private final Outbox outbox;
    private final AccountConfig config;
    private final Clock clock;

    public PasswordService(IdentityGateway identity, CredentialHashing hashing, LoginLockout lockout, AddressThrottling throttle,
            ResetThrottling resets, RefreshTokens refreshTokens, SessionRevocations sessions, Outbox outbox, AccountConfig config,
            Clock clock) {
        this.resets = resets;
        this.identity = identity;
        this.hashing = hashing;
        this.lockout = lockout;
        this.throttle = throttle;
        this.refreshTokens = refreshTokens;
        this.sessions = sessions;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /** Starts a reset: the PASSWORD_RESET session in which the holder passes facial recognition. */
    public Uni<SessionView> startReset(String name, String permitNumber, String address) {
        return throttle.check(address)
                .chain(() -> throttle.counting(address, Panache.withSession(() -> HolderAccount.byPermit(permitNumber)).map(account -> {
                    if (account == null || account.status != AccountStatus.ACTIVE) {
                        throw new ProblemException(AccountError.ACCOUNT_NOT_FOUND, permitNumber);
                    }
                    if (!PassportName.matches(name, account.holderName)) {
                        throw new ProblemException(AccountError.NAME_MISMATCH, permitNumber);
                    }
                    return account;
                }), AccountError.ACCOUNT_NOT_FOUND, AccountError.NAME_MISMATCH))
                .call(account -> resets.admit(account.id, ResetThrottling.Kind.PASSWORD_RESET, address))
                .chain(account -> identity.open(VerificationPurpose.PASSWORD_RESET, permitNumber, name, account.id)
                        .call(session -> Panache.withTransaction(() -> HolderAccount.lock(account.id).invoke(locked -> {
                            locked.resetSessionId = session.sessionId();
                            locked.resetVerifiedAt = null;
                            locked.updatedAt = now();
                        }))));
    }

    /** Sets the new password of a reset whose facial recognition succeeded within the reset window. */
    public Uni<Void> completeReset(String sessionId, String newPassword) {
        return Uni.createFrom().item(() -> PasswordPolicy.require(newPassword))
                .call(password -> Panache.withSession(() -> HolderAccount.<HolderAccount>find("resetSessionId", sessionId).firstResult())
                        .invoke(this::requireVerifiedReset))
                .chain(hashing::hashPassword)
                .chain(hash -> Panache.withTransaction(() -> HolderAccount.<HolderAccount>find("resetSessionId", sessionId)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                        .invoke(this::requireVerifiedReset)
                        .chain(account -> {
                            account.resetSessionId = null;
                            account.resetVerifiedAt = null;
                            lockout.clear(account);
                            return replace(account, hash, PasswordChanged.RESET);
                        })));
    }

    /** The logged-in holder changes the password, proving the current one (counted like a login). */
    public Uni<Void> change(UUID accountId, String currentPassword, String newPassword, String address) {
        return Uni.createFrom().item(() -> PasswordPolicy.require(newPassword))
                .chain(password -> throttle.check(address)
                        .chain(() -> lockout.check(accountId, currentPassword, address))
                        .chain(() -> hashing.hashPassword(password)))
                .chain(hash -> Panache.withTransaction(() -> HolderAccount.lock(accountId)
                        .chain(account -> replace(account, hash, PasswordChanged.CHANGE))));
    }

    private void requireVerifiedReset(HolderAccount account) {
        if (account == null || account.status != AccountStatus.ACTIVE) {
            throw new ProblemException(AccountError.RESET_NOT_FOUND);
        }
        if (account.resetVerifiedAt == null) {
            throw new ProblemException(AccountError.VERIFICATION_PENDING);
        }
        if (account.resetVerifiedAt.plus(config.resetWindow()).isBefore(now())) {
            throw new ProblemException(AccountError.RESET_NOT_FOUND);
        }
    }

    private Uni<Void> replace(HolderAccount account, String hash, String reason) {
        OffsetDateTime now = now();
        account.passwordHash = hash;
        account.passwordChangedAt = now;
        account.updatedAt = now;
        return refreshTokens.revokeAll(account.id, RefreshTokens.PASSWORD_CHANGED)
                .invoke(revoked -> Log.infof("account %s: password %s, %d refresh tokens revoked", account.id,
                        PasswordChanged.RESET.equals(reason) ? "reset" : "changed", revoked))
                .chain(() -> sessions.revokeAll(account.id,
                        PasswordChanged.RESET.equals(reason) ? SessionsRevoked.PASSWORD_RESET : SessionsRevoked.PASSWORD_CHANGE))
                .chain(() -> outbox.add(Topics.ACCOUNT_EVENTS,
                        new PasswordChanged(account.id.toString(), account.permitNumber, reason, now.toInstant())))
                .replaceWithVoid();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}

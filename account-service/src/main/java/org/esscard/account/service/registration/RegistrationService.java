package org.esscard.account.service.registration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.esscard.account.config.AccountConfig;
import org.esscard.account.repository.AccountOrigin;
import org.esscard.account.repository.AccountStatus;
import org.esscard.account.repository.HolderAccount;
import org.esscard.account.service.AccountError;
import org.esscard.account.service.Failures;
import org.esscard.account.service.credential.CredentialHashing;
import org.esscard.account.service.credential.PasswordPolicy;
import org.esscard.account.service.login.AddressThrottling;
import org.esscard.account.service.permit.PermitProjection;
import org.esscard.account.service.token.RefreshTokens;
import org.esscard.account.service.verification.IdentityGateway;
import org.esscard.events.identity.VerificationMethod;
import org.esscard.events.identity.VerificationPurpose;
import org.esscard.events.identity.api.SessionView;
import org.esscard.platform.problem.PlatformError;
import org.esscard.platform.problem.ProblemException;
import org.esscard.platform.text.PassportName;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Registration (R1–R4, R10): name, work permit number and login password. The password must meet R2, the permit
 * must be known and valid (R4, from the local projection), the name must be the permit's passport name exactly
 * (R3). The account then waits (PENDING_IDENTITY) for the REGISTRATION session that identity-service opens, and for
 * a holder of a physical card, the REAL_NAME session too; {@link AccountVerifications} activates it.
 *
 * <p>Registering again while the account still waits replaces the password and opens new sessions (the holder left
 * the face step and came back); only the newest sessions count, so a stranger who re-registers cannot have the
 * holder's face activate the stranger's password.
 *
 * <p>A pending registration reserves nothing: not the social security number (only an ACTIVE account holds one, so a
 * stranger's form cannot squat it), and it expires after {@code esscard.account.pending-registration-ttl} (24 h). Its
 * status is told only to whoever holds the registration token the form answered with (stored as SHA-256).
 */
@ApplicationScoped
public class RegistrationService {

    private final PermitProjection permits;
    private final CredentialHashing hashing;
    private final IdentityGateway identity;
    private final AddressThrottling throttle;
    private final AccountConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public RegistrationService(PermitProjection permits, CredentialHashing hashing, IdentityGateway identity,
            AddressThrottling throttle, AccountConfig config, Clock clock) {
        this.permits = permits;
        this.hashing = hashing;
        this.identity = identity;
        this.throttle = throttle;
        this.config = config;
        this.clock = clock;
    }

    /** What the form sends; {@code socialSecurityNumber} only from a holder of a physical card (R10, R12). */
    public record Registration(String name, String permitNumber, String password, String socialSecurityNumber) {
    }

    /**
     * The waiting account and the sessions the app continues in identity-service; {@code registrationToken} (only in
     * the form's answer) is what reading the registration later needs.
     */
    public record Pending(UUID accountId, AccountStatus status, List<Verification> verifications, String registrationToken) {
    }

    /** One identity verification the account waits for (or has passed). */
    public record Verification(VerificationPurpose purpose, String sessionId, List<String> methods, Instant expiresAt,
            boolean verified) {

        static Verification of(VerificationPurpose purpose, SessionView session) {
            return new Verification(purpose, session.sessionId(), names(session.openMethods()), session.expiresAt().toInstant(), false);
        }

        /** The methods as the app reads them: their names. */
        public static List<String> names(List<VerificationMethod> methods) {
            return methods == null ? List.of() : methods.stream().map(VerificationMethod::name).toList();
        }
    }

    public Uni<Pending> register(Registration form, String address) {
        return Uni.createFrom().item(() -> PasswordPolicy.require(form.password()))
                .chain(password -> throttle.check(address)
                        .chain(() -> throttle.counting(address, Panache.withSession(() -> eligible(form)),
                                AccountError.NAME_MISMATCH, AccountError.PERMIT_NOT_FOUND))
                        .chain(accountId -> hashing.hashPassword(password)
                                .chain(hash -> openSessions(form, accountId)
                                        .chain(sessions -> save(form, accountId, hash, sessions)))));
    }

    /** The id the account has or will have, once every rule lets this registration go ahead. */
    private Uni<UUID> eligible(Registration form) {
        return permits.requireValid(form.permitNumber()).chain(permit -> {
            if (!PassportName.matches(form.name(), permit.holderName)) {
                throw new ProblemException(AccountError.NAME_MISMATCH, form.permitNumber());
            }
            return HolderAccount.byPermit(form.permitNumber());
        }).chain(byPermit -> {
            if (byPermit != null && byPermit.status == AccountStatus.ACTIVE) {
                throw new ProblemException(AccountError.ACCOUNT_EXISTS);
            }
            // only an ACTIVE account holds a social security number: a pending one reserves nothing
            Uni<HolderAccount> bySsn = form.socialSecurityNumber() == null ? Uni.createFrom().nullItem()
                    : HolderAccount.bySocialSecurityNumber(form.socialSecurityNumber());
            return bySsn.map(other -> {
                if (other != null && (byPermit == null || !other.id.equals(byPermit.id))) {
                    throw new ProblemException(AccountError.ACCOUNT_EXISTS);
                }
                return byPermit != null ? byPermit.id : UUID.randomUUID();
            });
        });
    }

    private Uni<List<Verification>> openSessions(Registration form, UUID accountId) {
        return identity.open(VerificationPurpose.REGISTRATION, form.permitNumber(), form.name(), accountId).chain(registration -> {
            List<Verification> sessions = new ArrayList<>();
            sessions.add(Verification.of(VerificationPurpose.REGISTRATION, registration));
            if (form.socialSecurityNumber() == null) {
                return Uni.createFrom().item(sessions);
            }
            return identity.open(VerificationPurpose.REAL_NAME, form.permitNumber(), form.name(), accountId).map(realName -> {
                sessions.add(Verification.of(VerificationPurpose.REAL_NAME, realName));
                return sessions;
            });
        });
    }

    private Uni<Pending> save(Registration form, UUID accountId, String passwordHash, List<Verification> sessions) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return Panache.withTransaction(() -> HolderAccount.lock(accountId).chain(existing -> {
            if (existing != null && existing.status == AccountStatus.ACTIVE) {
                throw new ProblemException(AccountError.ACCOUNT_EXISTS);
            }
            OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
            HolderAccount account = existing != null ? existing : new HolderAccount();
            account.pendingUntil = now.plus(config.pendingRegistrationTtl());
            account.registrationTokenHash = RefreshTokens.hash(token);
            account.id = accountId;
            account.holderName = form.name();
            account.permitNumber = form.permitNumber();
            account.socialSecurityNumber = form.socialSecurityNumber();
            account.passwordHash = passwordHash;
            account.passwordChangedAt = now;
            account.status = AccountStatus.PENDING_IDENTITY;
            account.origin = AccountOrigin.REGISTERED;
            account.registrationSessionId = sessions.get(0).sessionId();
            account.registrationVerifiedAt = null;
            account.realNameSessionId = sessions.size() > 1 ? sessions.get(1).sessionId() : null;
            account.realNameVerifiedAt = null;
            account.updatedAt = now;
            if (existing == null) {
                account.createdAt = now;
                return account.persist().replaceWith(account);
            }
            return Uni.createFrom().item(account);
        }).call(Panache::flush))
                .onFailure(Failures::isUniqueViolation).transform(e -> new ProblemException(AccountError.ACCOUNT_EXISTS))
                .invoke(account -> Log.infof("account %s registered for permit %s, waiting for %s", account.id, account.permitNumber,
                        sessions.stream().map(s -> s.purpose().name()).toList()))
                .map(account -> new Pending(account.id, account.status, sessions, token));
    }

    /**
     * Where a registration stands, for the app waiting on it: only with the registration token of its newest form. A
     * wrong token, an unknown account and an expired registration look the same.
     */
    public Uni<Pending> status(UUID accountId, String registrationToken) {
        if (registrationToken == null || registrationToken.isBlank()) {
            return Uni.createFrom().failure(new ProblemException(AccountError.REGISTRATION_TOKEN_REQUIRED));
        }
        String presented = RefreshTokens.hash(registrationToken);
        return Panache.withSession(() -> HolderAccount.<HolderAccount>findById(accountId)).map(account -> {
            if (account == null || account.origin != AccountOrigin.REGISTERED || account.registrationTokenHash == null
                    || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.US_ASCII),
                            account.registrationTokenHash.getBytes(StandardCharsets.US_ASCII))
                    || expired(account)) {
                throw new ProblemException(PlatformError.NOT_FOUND);
            }
            List<Verification> verifications = new ArrayList<>();
            if (account.registrationSessionId != null) {
                verifications.add(new Verification(VerificationPurpose.REGISTRATION, account.registrationSessionId, null, null,
                        account.status == AccountStatus.ACTIVE || account.registrationVerifiedAt != null));
            }
            if (account.realNameSessionId != null) {
                verifications.add(new Verification(VerificationPurpose.REAL_NAME, account.realNameSessionId, null, null,
                        account.status == AccountStatus.ACTIVE || account.realNameVerifiedAt != null));
            }
            return new Pending(account.id, account.status, verifications, null);
        });
    }

    private boolean expired(HolderAccount account) {
        return account.status == AccountStatus.PENDING_IDENTITY && account.pendingUntil != null
                && !account.pendingUntil.isAfter(OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)));
    }

    /** Removes registrations that waited past their time: they block nothing already, this only tidies. */
    @Scheduled(every = "1h", delayed = "4m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeExpired() {
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
        return Panache.withTransaction(() -> HolderAccount.delete("status = ?1 and pendingUntil <= ?2", AccountStatus.PENDING_IDENTITY, now))
                .invoke(removed -> {
                    if (removed > 0) {
                        Log.infof("%d pending registrations expired and were removed", removed);
                    }
                })
                .replaceWithVoid();
    }
}

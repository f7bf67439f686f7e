package org.esscard.account.service.verification;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.esscard.account.repository.AccountStatus;
import org.esscard.account.repository.HolderAccount;
import org.esscard.account.repository.ServicePin;
import org.esscard.account.service.registration.CardNumbers;
import org.esscard.account.service.registration.PermitBinding;
import org.esscard.events.Topics;
import org.esscard.events.account.AccountRegistered;
import org.esscard.events.identity.IdentityVerified;
import org.esscard.events.identity.VerificationMethod;
import org.esscard.platform.outbox.Outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/**
 * What a successful identity verification does to an account, by the session's purpose. Only the account's newest
 * session of that purpose counts; an older one that succeeds late changes nothing.
 * <ul>
 * <li>REGISTRATION (R5), plus REAL_NAME by bank card or mobile for a physical card holder (R10): the account
 * becomes ACTIVE, its eSSCard number is issued and {@code AccountRegistered} goes out through the outbox.</li>
 * <li>PASSWORD_RESET (R14): the holder may now set a new password, for a limited time.</li>
 * <li>PIN_RESET (R15): the PIN, locked or forgotten, is removed; the holder sets a new one.</li>
 * <li>PERMIT_BINDING (R13): the permit's own subject passed, in the session this account opened for binding it: the
 * permit is bound ({@link PermitBinding#complete}).</li>
 * </ul>
 * A registration past its {@code pending-until} is gone: a late success changes nothing. A social security number
 * reaches an account only here, on activation after real-name verification (R10), and only if no other ACTIVE
 * account holds it: the first verified person keeps it, a later claim is dropped (the account still activates).
 */
@ApplicationScoped
public class AccountVerifications {

    private final Outbox outbox;
    private final CardNumbers cards;
    private final PermitBinding binding;
    private final Clock clock;

    public AccountVerifications(Outbox outbox, CardNumbers cards, PermitBinding binding, Clock clock) {
        this.outbox = outbox;
        this.cards = cards;
        this.binding = binding;
        this.clock = clock;
    }

    /** Applies {@code verified} in the caller's transaction. */
    public Uni<Void> verified(IdentityVerified verified) {
        return account(verified).chain(account -> {
            if (account == null) {
                Log.infof("%s session %s of permit %s: no such account here, ignored", verified.purpose(), verified.sessionId(),
                        verified.permitNumber());
                return Uni.createFrom().voidItem();
            }
            OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
            String session = verified.sessionId();
            return switch (verified.purpose()) {
                case REGISTRATION -> {
                    if (!session.equals(account.registrationSessionId) || account.status != AccountStatus.PENDING_IDENTITY
                            || expired(account, now)) {
                        yield stale(verified, account);
                    }
                    account.registrationVerifiedAt = now;
                    remember(account, verified);
                    yield activateIfComplete(account, now);
                }
                case REAL_NAME -> {
                    if (!session.equals(account.realNameSessionId) || account.status != AccountStatus.PENDING_IDENTITY
                            || expired(account, now)) {
                        yield stale(verified, account);
                    }
                    if (verified.method() != VerificationMethod.BANK_CARD && verified.method() != VerificationMethod.MOBILE) {
                        Log.warnf("real-name session %s of account %s passed by %s, not bank card or mobile (R10): ignored",
                                session, account.id, verified.method());
                        yield Uni.createFrom().voidItem();
                    }
                    account.realNameVerifiedAt = now;
                    remember(account, verified);
                    yield activateIfComplete(account, now);
                }
                case PASSWORD_RESET -> {
                    if (!session.equals(account.resetSessionId)) {
                        yield stale(verified, account);
                    }
                    account.resetVerifiedAt = now;
                    account.updatedAt = now;
                    Log.infof("account %s passed facial recognition for a password reset", account.id);
                    yield Uni.createFrom().voidItem();
                }
                case PIN_RESET -> {
                    if (!session.equals(account.pinResetSessionId)) {
                        yield stale(verified, account);
                    }
                    account.pinResetSessionId = null;
                    account.updatedAt = now;
                    Log.infof("account %s passed facial recognition for a PIN reset: PIN removed", account.id);
                    yield ServicePin.delete("accountId", account.id).replaceWithVoid();
                }
                case PERMIT_BINDING -> {
                    if (!session.equals(account.bindingSessionId) || account.status != AccountStatus.ACTIVE
                            || account.bindingVerifiedAt != null || !java.util.Objects.equals(verified.permitNumber(), account.bindingPermitNumber)) {
                        yield stale(verified, account);
                    }
                    remember(account, verified);
                    yield binding.complete(account, now);
                }
            };
        });
    }

    /** Keeps the mobile number a verification proved, so reminders can also go by SMS (R19). */
    private static void remember(HolderAccount account, IdentityVerified verified) {
        if (verified.mobile() != null && !verified.mobile().isBlank()) {
            account.mobile = verified.mobile();
        }
    }

    private Uni<HolderAccount> account(IdentityVerified verified) {
        UUID id = parse(verified.accountId());
        if (id != null) {
            return HolderAccount.lock(id);
        }
        if (verified.permitNumber() == null) {
            return Uni.createFrom().nullItem();
        }
        return HolderAccount.<HolderAccount>find("permitNumber", verified.permitNumber()).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    private Uni<Void> activateIfComplete(HolderAccount account, OffsetDateTime now) {
        account.updatedAt = now;
        if (account.registrationVerifiedAt == null || account.needsRealName() && account.realNameVerifiedAt == null) {
            Log.infof("account %s: %s verified, still waiting for %s", account.id,
                    account.registrationVerifiedAt != null ? "face" : "real name",
                    account.registrationVerifiedAt != null ? "real-name verification (R10)" : "facial recognition (R5)");
            return Uni.createFrom().voidItem();
        }
        Uni<HolderAccount> ssnHolder = account.socialSecurityNumber == null ? Uni.createFrom().nullItem()
                : HolderAccount.bySocialSecurityNumber(account.socialSecurityNumber);
        return ssnHolder.chain(other -> {
            if (other != null && !other.id.equals(account.id)) {
                // nothing here can ask the issuer whose number it is: the person verified first keeps it
                Log.warnf("account %s activates without its social security number: account %s, verified earlier, holds it",
                        account.id, other.id);
                account.socialSecurityNumber = null;
            }
            account.status = AccountStatus.ACTIVE;
            account.cardNumber = cards.next();
            account.activatedAt = now;
            account.pendingUntil = null;
            Log.infof("account %s active: eSSCard issued for permit %s", account.id, account.permitNumber);
            return Panache.flush().chain(() -> outbox.add(Topics.ACCOUNT_EVENTS, registered(account))).replaceWithVoid();
        });
    }

    private static boolean expired(HolderAccount account, OffsetDateTime now) {
        return account.pendingUntil != null && !account.pendingUntil.isAfter(now);
    }

    /** The event of an issued card: carries the account as it is now (also re-sent when a permit is bound, R13). */
    public static AccountRegistered registered(HolderAccount account) {
        return new AccountRegistered(account.id.toString(), account.permitNumber, account.holderName, account.cardNumber,
                account.activatedAt.toInstant(), account.mobile);
    }

    private static Uni<Void> stale(IdentityVerified verified, HolderAccount account) {
        Log.infof("%s session %s of account %s is not its current one: ignored", verified.purpose(), verified.sessionId(), account.id);
        return Uni.createFrom().voidItem();
    }

    private static UUID parse(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

package org.esscard.account.service.registration;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.esscard.account.repository.AccountOrigin;
import org.esscard.account.repository.AccountStatus;
import org.esscard.account.repository.HolderAccount;
import org.esscard.account.repository.PermitRecord;
import org.esscard.account.service.AccountError;
import org.esscard.account.service.Failures;
import org.esscard.account.service.credential.PasswordHasher;
import org.esscard.account.service.permit.PermitProjection;
import org.esscard.account.service.verification.AccountVerifications;
import org.esscard.events.Topics;
import org.esscard.platform.outbox.Outbox;
import org.esscard.platform.problem.ProblemException;
import org.esscard.platform.text.PassportName;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Accounts registered another way (R13): holders of a physical card already registered in the national eSSCard
 * system, brought over by support with their social security number and their existing password hash (Argon2id;
 * the plain password never travels). They log in with the social security number (R12) and bind a work permit
 * to reach permit services (R13).
 *
 * <p>Nothing here can ask the issuer whose social security number it is, so the number reaches the account only with
 * a link to a known person: the import names the holder's work permit number or passport number, and it must match a
 * permit record of this service's projection under exactly the holder's name (R3); else {@code IMPORT_NOT_MATCHED}.
 * The matched passport number stays with the account: it can bind only a permit of that passport, and binding still
 * needs the permit holder's own verification ({@link PermitBinding}).
 */
@ApplicationScoped
public class HolderImport {

    private final CardNumbers cards;
    private final Outbox outbox;
    private final Clock clock;

    public HolderImport(CardNumbers cards, Outbox outbox, Clock clock) {
        this.cards = cards;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<HolderAccount> importHolder(String holderName, String socialSecurityNumber, String passwordHash, String permitNumber,
            String passportNumber) {
        if (!PasswordHasher.isArgon2id(passwordHash)) {
            return Uni.createFrom().failure(new ProblemException(AccountError.PASSWORD_HASH_UNSUPPORTED));
        }
        if (permitNumber == null && passportNumber == null) {
            return Uni.createFrom().failure(new ProblemException(AccountError.IMPORT_NOT_MATCHED));
        }
        return Panache.withTransaction(() -> matched(holderName, permitNumber, passportNumber).chain(passport -> HolderAccount
                .bySocialSecurityNumber(socialSecurityNumber).chain(existing -> {
            if (existing != null) {
                throw new ProblemException(AccountError.ACCOUNT_EXISTS);
            }
            OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
            HolderAccount account = new HolderAccount();
            account.id = UUID.randomUUID();
            account.holderName = holderName;
            account.socialSecurityNumber = socialSecurityNumber;
            account.linkedPassportNumber = passport;
            account.passwordHash = passwordHash;
            account.passwordChangedAt = now;
            account.status = AccountStatus.ACTIVE;
            account.origin = AccountOrigin.IMPORTED;
            account.cardNumber = cards.next();
            account.activatedAt = now;
            account.createdAt = now;
            account.updatedAt = now;
            return account.persist().call(Panache::flush)
                    .call(() -> outbox.add(Topics.ACCOUNT_EVENTS, AccountVerifications.registered(account)))
                    .invoke(() -> Log.infof("account %s imported (registered another way, no permit yet)", account.id))
                    .replaceWith(account);
        })))
                .onFailure(Failures::isUniqueViolation).transform(e -> new ProblemException(AccountError.ACCOUNT_EXISTS));
    }

    /** The passport number of the permit record the import names, under exactly the holder's name; else the refusal. */
    private static Uni<String> matched(String holderName, String permitNumber, String passportNumber) {
        String passport = PermitProjection.passport(passportNumber);
        Uni<java.util.List<PermitRecord>> records = permitNumber != null
                ? PermitRecord.<PermitRecord>findById(permitNumber).map(r -> r == null ? java.util.List.of() : java.util.List.of(r))
                : PermitRecord.<PermitRecord>list("passportNumber", passport);
        return records.map(found -> found.stream()
                .filter(r -> PassportName.matches(holderName, r.holderName))
                .filter(r -> r.passportNumber != null && (passport == null || passport.equals(r.passportNumber)))
                .map(r -> r.passportNumber)
                .findFirst()
                .orElseThrow(() -> new ProblemException(AccountError.IMPORT_NOT_MATCHED)));
    }
}

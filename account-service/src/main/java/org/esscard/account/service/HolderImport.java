package org.esscard.account.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.esscard.account.repository.AccountOrigin;
import org.esscard.account.repository.AccountStatus;
import org.esscard.account.repository.HolderAccount;
import org.esscard.account.rest.AccountError;
import org.esscard.events.Topics;
import org.esscard.platform.outbox.Outbox;
import org.esscard.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Accounts registered another way (R13): holders of a physical card already registered in the national eSSCard
 * system, brought over by support with their social security number and their existing password hash (Argon2id;
 * the plain password never travels). They log in with the social security number (R12) and bind a work permit
 * to reach permit services (R13).
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

    public Uni<HolderAccount> importHolder(String holderName, String socialSecurityNumber, String passwordHash) {
        if (!PasswordHasher.isArgon2id(passwordHash)) {
            return Uni.createFrom().failure(new ProblemException(AccountError.PASSWORD_HASH_UNSUPPORTED));
        }
        return Panache.withTransaction(() -> HolderAccount.bySocialSecurityNumber(socialSecurityNumber).chain(existing -> {
            if (existing != null) {
                throw new ProblemException(AccountError.ACCOUNT_EXISTS);
            }
            OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
            HolderAccount account = new HolderAccount();
            account.id = UUID.randomUUID();
            account.holderName = holderName;
            account.socialSecurityNumber = socialSecurityNumber;
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
        }))
                .onFailure(Failures::isUniqueViolation).transform(e -> new ProblemException(AccountError.ACCOUNT_EXISTS));
    }
}

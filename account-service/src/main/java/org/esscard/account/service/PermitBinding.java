package org.esscard.account.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.esscard.account.repository.AccountStatus;
import org.esscard.account.repository.HolderAccount;
import org.esscard.account.rest.AccountError;
import org.esscard.events.Topics;
import org.esscard.platform.outbox.Outbox;
import org.esscard.platform.problem.PlatformError;
import org.esscard.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * R13: an account registered another way (no work permit) binds a work permit number to reach permit services.
 * The permit must be valid (R4) and carry the account holder's passport name exactly (R3), and no other active
 * account may hold it; an unfinished registration of it gives way. The account's {@code AccountRegistered} is sent
 * again, now with the permit, so the services that know holders by permit learn of it.
 */
@ApplicationScoped
public class PermitBinding {

    private final PermitProjection permits;
    private final AddressThrottling throttle;
    private final HolderTokens tokens;
    private final Outbox outbox;
    private final Clock clock;

    public PermitBinding(PermitProjection permits, AddressThrottling throttle, HolderTokens tokens, Outbox outbox, Clock clock) {
        this.permits = permits;
        this.throttle = throttle;
        this.tokens = tokens;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Binds {@code permitNumber} and returns an access token that carries it, in the caller's login {@code sessionId}. */
    public Uni<TokenIssuer.IssuedToken> bind(UUID accountId, String sessionId, String permitNumber, String address) {
        return throttle.check(address)
                .chain(() -> throttle.counting(address, Panache.withTransaction(() -> HolderAccount.lock(accountId)
                        .chain(account -> {
                            if (account == null || account.status != AccountStatus.ACTIVE) {
                                throw new ProblemException(PlatformError.UNAUTHORIZED);
                            }
                            if (account.permitNumber != null) {
                                throw new ProblemException(AccountError.PERMIT_ALREADY_BOUND);
                            }
                            return permits.requireValid(permitNumber).map(permit -> {
                                if (!Names.matches(account.holderName, permit.holderName)) {
                                    throw new ProblemException(AccountError.NAME_MISMATCH, permitNumber);
                                }
                                return account;
                            });
                        })
                        .call(account -> HolderAccount.byPermit(permitNumber).chain(other -> {
                            if (other == null) {
                                return Uni.createFrom().voidItem();
                            }
                            if (other.status == AccountStatus.ACTIVE) {
                                throw new ProblemException(AccountError.ACCOUNT_EXISTS);
                            }
                            Log.infof("unfinished registration %s of permit %s gives way to account %s binding it", other.id,
                                    permitNumber, account.id);
                            return other.delete().call(Panache::flush);
                        }))
                        .call(account -> {
                            OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
                            account.permitNumber = permitNumber;
                            account.updatedAt = now;
                            Log.infof("account %s bound permit %s (R13)", account.id, permitNumber);
                            return Panache.flush().chain(() -> outbox.add(Topics.ACCOUNT_EVENTS, AccountVerifications.registered(account)));
                        })), AccountError.NAME_MISMATCH, AccountError.PERMIT_NOT_FOUND))
                .onFailure(Failures::isUniqueViolation).transform(e -> new ProblemException(AccountError.ACCOUNT_EXISTS))
                .map(account -> tokens.access(account, sessionId));
    }
}

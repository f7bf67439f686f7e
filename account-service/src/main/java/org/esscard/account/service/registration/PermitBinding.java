package org.esscard.account.service.registration;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.esscard.account.repository.AccountStatus;
import org.esscard.account.repository.HolderAccount;
import org.esscard.account.service.AccountError;
import org.esscard.account.service.login.AddressThrottling;
import org.esscard.account.service.permit.PermitProjection;
import org.esscard.account.service.token.HolderTokens;
import org.esscard.account.service.token.TokenIssuer;
import org.esscard.account.service.verification.AccountVerifications;
import org.esscard.account.service.verification.IdentityGateway;
import org.esscard.events.Topics;
import org.esscard.events.identity.VerificationPurpose;
import org.esscard.events.identity.api.SessionView;
import org.esscard.platform.outbox.Outbox;
import org.esscard.platform.problem.PlatformError;
import org.esscard.platform.problem.ProblemException;
import org.esscard.platform.text.PassportName;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * R13: an account registered another way (no work permit) binds a work permit number to reach permit services,
 * and only by proving to be the permit's holder. Names are not secrets and common names collide, so a name match
 * alone never binds: it only lets the binding start. In three steps:
 * <ol>
 * <li>{@link #start}: the permit must be valid (R4), carry the account holder's passport name exactly (R3), belong to
 * the passport support's import matched (if it did), and no other ACTIVE account may hold it. identity-service opens
 * a PERMIT_BINDING session for the permit's subject: face first, bank card or mobile where face is closed (R6–R9).</li>
 * <li>The app passes it through the verification relay; {@code IdentityVerified} of that session, for this account,
 * arrives and {@link #complete} binds the permit. {@code AccountRegistered} is sent again with the permit.</li>
 * <li>{@link #collect}: the app gets its access token with the {@code permit} claim.</li>
 * </ol>
 * Nothing is removed when a binding starts. A pending registration of the same permit gives way only when the
 * binding completes, that is once its holder proved to be the permit's subject: a registration nobody verified is
 * either theirs, abandoned, or a stranger's.
 */
@ApplicationScoped
public class PermitBinding {

    private final PermitProjection permits;
    private final AddressThrottling throttle;
    private final IdentityGateway identity;
    private final HolderTokens tokens;
    private final Outbox outbox;
    private final Clock clock;

    public PermitBinding(PermitProjection permits, AddressThrottling throttle, IdentityGateway identity, HolderTokens tokens,
            Outbox outbox, Clock clock) {
        this.permits = permits;
        this.throttle = throttle;
        this.identity = identity;
        this.tokens = tokens;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Opens the PERMIT_BINDING session in which the permit's subject must pass; the permit is not bound yet. */
    public Uni<SessionView> start(UUID accountId, String permitNumber, String address) {
        return throttle.check(address)
                .chain(() -> throttle.counting(address, Panache.withSession(() -> HolderAccount.<HolderAccount>findById(accountId)
                        .chain(account -> {
                            if (account == null || account.status != AccountStatus.ACTIVE) {
                                throw new ProblemException(PlatformError.UNAUTHORIZED);
                            }
                            if (account.permitNumber != null) {
                                throw new ProblemException(AccountError.PERMIT_ALREADY_BOUND);
                            }
                            return permits.requireValid(permitNumber).map(permit -> {
                                if (!PassportName.matches(account.holderName, permit.holderName)) {
                                    throw new ProblemException(AccountError.NAME_MISMATCH, permitNumber);
                                }
                                if (account.linkedPassportNumber != null && !account.linkedPassportNumber.equals(permit.passportNumber)) {
                                    throw new ProblemException(AccountError.PERMIT_OF_ANOTHER_HOLDER, permitNumber);
                                }
                                return account;
                            });
                        })
                        .call(account -> HolderAccount.byPermit(permitNumber).invoke(other -> {
                            if (other != null && other.status == AccountStatus.ACTIVE) {
                                throw new ProblemException(AccountError.ACCOUNT_EXISTS);
                            }
                        }))), AccountError.NAME_MISMATCH, AccountError.PERMIT_NOT_FOUND))
                .chain(account -> identity.open(VerificationPurpose.PERMIT_BINDING, permitNumber, account.holderName, account.id))
                .call(session -> Panache.withTransaction(() -> HolderAccount.lock(accountId).invoke(account -> {
                    account.bindingSessionId = session.sessionId();
                    account.bindingPermitNumber = permitNumber;
                    account.bindingVerifiedAt = null;
                    account.updatedAt = now();
                    Log.infof("account %s: binding of permit %s waits for its holder's verification (session %s)", account.id,
                            permitNumber, session.sessionId());
                })));
    }

    /**
     * Binds the permit of the account's verified binding session, in the caller's transaction (the identity event's).
     * If another account became ACTIVE with the permit meanwhile, nothing is bound and {@link #collect} says so.
     */
    public Uni<Void> complete(HolderAccount account, OffsetDateTime now) {
        String permitNumber = account.bindingPermitNumber;
        account.bindingVerifiedAt = now;
        account.updatedAt = now;
        return HolderAccount.byPermit(permitNumber).chain(other -> {
            if (other != null && other.status == AccountStatus.ACTIVE) {
                Log.warnf("account %s passed the binding of permit %s, but account %s holds it: not bound", account.id, permitNumber,
                        other.id);
                return Uni.createFrom().voidItem();
            }
            Uni<Void> cleared = Uni.createFrom().voidItem();
            if (other != null) {
                Log.infof("unverified registration %s of permit %s gives way to account %s, whose holder passed as its subject",
                        other.id, permitNumber, account.id);
                cleared = other.delete().call(Panache::flush);
            }
            return cleared.chain(() -> {
                account.permitNumber = permitNumber;
                Log.infof("account %s bound permit %s after its holder's verification (R13)", account.id, permitNumber);
                return Panache.flush().chain(() -> outbox.add(Topics.ACCOUNT_EVENTS, AccountVerifications.registered(account)))
                        .replaceWithVoid();
            });
        });
    }

    /**
     * The access token with the {@code permit} claim, once the binding session passed: 409 VERIFICATION_PENDING before,
     * 404 BINDING_NOT_FOUND for a session that is not the account's newest binding, 409 ACCOUNT_EXISTS if the permit
     * went to another account meanwhile. The token belongs to the caller's login {@code loginSessionId} (its {@code sid}).
     */
    public Uni<TokenIssuer.IssuedToken> collect(UUID accountId, String loginSessionId, String sessionId) {
        return Panache.withSession(() -> HolderAccount.<HolderAccount>findById(accountId)).map(account -> {
            if (account == null || account.status != AccountStatus.ACTIVE) {
                throw new ProblemException(PlatformError.UNAUTHORIZED);
            }
            if (account.bindingSessionId == null || !account.bindingSessionId.equals(sessionId)) {
                throw new ProblemException(AccountError.BINDING_NOT_FOUND);
            }
            if (account.bindingVerifiedAt == null) {
                throw new ProblemException(AccountError.VERIFICATION_PENDING);
            }
            if (!account.bindingPermitNumber.equals(account.permitNumber)) {
                throw new ProblemException(AccountError.ACCOUNT_EXISTS);
            }
            return tokens.access(account, loginSessionId);
        });
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}

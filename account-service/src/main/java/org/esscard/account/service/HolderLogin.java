package org.esscard.account.service;

import org.esscard.account.repository.AccountStatus;
import org.esscard.account.repository.HolderAccount;
import org.esscard.account.rest.AccountError;
import org.esscard.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A holder's sessions: login with the work permit number (R11) or the social security number (R12) and the
 * password, giving a 15-minute access token and a rotating refresh token; refresh; logout.
 */
@ApplicationScoped
public class HolderLogin {

    private final LoginLockout lockout;
    private final AddressThrottling throttle;
    private final HolderTokens tokens;
    private final RefreshTokens refreshTokens;

    public HolderLogin(LoginLockout lockout, AddressThrottling throttle, HolderTokens tokens, RefreshTokens refreshTokens) {
        this.lockout = lockout;
        this.throttle = throttle;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
    }

    /** What a login or a refresh hands the app. */
    public record Session(TokenIssuer.IssuedToken access, RefreshTokens.Issued refresh) {
    }

    /** Exactly one of {@code permitNumber} and {@code socialSecurityNumber} names the account. */
    public Uni<Session> login(String permitNumber, String socialSecurityNumber, String password, String address) {
        return throttle.check(address)
                .chain(() -> Panache.withSession(() -> permitNumber != null ? HolderAccount.byPermit(permitNumber)
                        : HolderAccount.bySocialSecurityNumber(socialSecurityNumber)))
                .chain(account -> account == null
                        ? lockout.refuse(permitNumber != null ? "permit:" + permitNumber : "ssn:" + socialSecurityNumber, password, address)
                        : lockout.check(account.id, password, address))
                .chain(account -> {
                    if (account.status != AccountStatus.ACTIVE) {
                        // only someone who knows the password learns that the registration is unfinished
                        return Uni.createFrom().failure(new ProblemException(AccountError.VERIFICATION_PENDING)
                                .with("accountId", account.id.toString()));
                    }
                    return Panache.withTransaction(() -> refreshTokens.startFamily(account.id))
                            .map(refresh -> new Session(tokens.access(account, refresh.sessionId()), refresh));
                });
    }

    /** A new access token and the next refresh token, for the refresh token presented (which is used up). */
    public Uni<Session> refresh(String presented) {
        return Panache.withTransaction(() -> refreshTokens.rotate(presented).chain(rotation -> rotation.reused()
                ? Uni.createFrom().<Session>nullItem()
                : HolderAccount.<HolderAccount>findById(rotation.accountId()).map(account -> {
                    if (account == null || account.status != AccountStatus.ACTIVE) {
                        throw new ProblemException(AccountError.REFRESH_TOKEN_INVALID);
                    }
                    return new Session(tokens.access(account, rotation.next().sessionId()), rotation.next());
                })))
                // a reused token's family revocation is committed first, then refused
                .onItem().ifNull().failWith(() -> new ProblemException(AccountError.REFRESH_TOKEN_INVALID));
    }

    /** Ends the login the refresh token belongs to. */
    public Uni<Void> logout(String presented) {
        return Panache.withTransaction(() -> refreshTokens.logout(presented));
    }
}

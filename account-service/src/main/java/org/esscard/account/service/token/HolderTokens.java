package org.esscard.account.service.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.esscard.account.config.PinConfig;
import org.esscard.account.repository.HolderAccount;
import org.esscard.platform.revocation.RevocationCheck;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The claims of a holder's access tokens (DESIGN §4): {@code sub} = account id, {@code groups} [holder],
 * {@code permit} = the bound permit (absent while none is bound), {@code amr} [pwd], and after the PIN
 * step-up (R15) [pwd, pin] with {@code pin_at} in epoch seconds; {@code sid}, the login (session) it belongs to.
 */
@ApplicationScoped
public class HolderTokens {

    public static final String HOLDER = "holder";
    /** permit-service accepts a step-up at most this old; a longer configured lifetime is cut to it. */
    static final Duration STEP_UP_MAX = Duration.ofMinutes(5);

    private final TokenIssuer issuer;
    private final PinConfig pin;
    private final Clock clock;

    public HolderTokens(TokenIssuer issuer, PinConfig pin, Clock clock) {
        this.issuer = issuer;
        this.pin = pin;
        this.clock = clock;
    }

    /** The token of a password login (or a refresh of one) in session {@code sessionId} (the refresh token family). */
    public TokenIssuer.IssuedToken access(HolderAccount account, UUID sessionId) {
        return access(account, sessionId.toString());
    }

    /** The same in the session of a token the holder presented. */
    public TokenIssuer.IssuedToken access(HolderAccount account, String sessionId) {
        return issuer.issue(account.id.toString(), Set.of(HOLDER), List.of("pwd"), claims(account, sessionId));
    }

    /** The short-lived token that a correct PIN yields: lives until {@code pin_at} + at most 5 minutes. */
    public TokenIssuer.IssuedToken steppedUp(HolderAccount account, String sessionId) {
        Instant pinAt = clock.instant();
        Map<String, Object> claims = claims(account, sessionId);
        claims.put("pin_at", pinAt.getEpochSecond());
        Duration ttl = pin.stepUpTtl().compareTo(STEP_UP_MAX) > 0 ? STEP_UP_MAX : pin.stepUpTtl();
        return issuer.issue(account.id.toString(), Set.of(HOLDER), List.of("pwd", "pin"), claims, pinAt, ttl);
    }

    private static Map<String, Object> claims(HolderAccount account, String sessionId) {
        Map<String, Object> claims = new HashMap<>();
        if (sessionId != null) {
            // the login this token belongs to: a logout or a revocation ends it at every service
            claims.put(RevocationCheck.SESSION_ID, sessionId);
        }
        if (account.permitNumber != null) {
            claims.put("permit", account.permitNumber);
        }
        return claims;
    }
}

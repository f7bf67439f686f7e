package org.esscard.account.service.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.esscard.account.config.TokenConfig;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The token account-service shows when it calls another service (identity-service): group {@code service},
 * signed with its own key like every token of the suite, short-lived, minted again before it runs out. The REST
 * clients look it up by name from their {@code Authorization} header method, so it is kept though nothing injects it.
 */
@ApplicationScoped
@Unremovable
public class ServiceTokens {

    public static final String SUBJECT = "service:account-service";
    public static final String GROUP = "service";

    private final TokenIssuer issuer;
    private final TokenConfig config;
    private final Clock clock;
    private volatile TokenIssuer.IssuedToken current;

    public ServiceTokens(TokenIssuer issuer, TokenConfig config, Clock clock) {
        this.issuer = issuer;
        this.config = config;
        this.clock = clock;
    }

    /** {@code Bearer <token>}, reused while more than half of its lifetime is left. */
    public String bearer() {
        TokenIssuer.IssuedToken token = current;
        Instant now = clock.instant();
        if (token == null || now.plus(config.serviceTokenTtl().dividedBy(2)).isAfter(token.expiresAt())
                || now.plusSeconds(3600).isBefore(token.expiresAt())) {
            token = issuer.issue(SUBJECT, Set.of(GROUP), null, Map.of("azp", "account-service"), now, config.serviceTokenTtl());
            current = token;
        }
        return "Bearer " + token.token();
    }
}

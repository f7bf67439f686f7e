package org.esscard.account.service.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.esscard.account.config.TokenConfig;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;

/** Signs the suite's access tokens (DESIGN §4): issuer {@code esscard-account}, audience {@code esscard}, ES256 with a key id. */
@ApplicationScoped
public class TokenIssuer {

    public static final String ISSUER = "esscard-account";
    public static final String AUDIENCE = "esscard";

    private final TokenConfig config;
    private final Clock clock;

    public TokenIssuer(TokenConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** An access token for {@code subject} in {@code groups}, proven by {@code amr}, with any extra claims. */
    public IssuedToken issue(String subject, Set<String> groups, List<String> amr, Map<String, Object> claims) {
        return issue(subject, groups, amr, claims, clock.instant(), config.accessTokenTtl());
    }

    /** A token issued at {@code issuedAt} that lives {@code ttl}. */
    public IssuedToken issue(String subject, Set<String> groups, List<String> amr, Map<String, Object> claims, Instant issuedAt,
            Duration ttl) {
        Instant iat = Instant.ofEpochSecond(issuedAt.getEpochSecond());
        var builder = Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).groups(groups)
                .issuedAt(iat).expiresAt(iat.plus(ttl));
        if (amr != null) {
            builder.claim("amr", amr);
        }
        claims.forEach(builder::claim);
        String token = builder.jws().keyId(config.keyId()).algorithm(SignatureAlgorithm.ES256).sign();
        return new IssuedToken(token, ttl.toSeconds(), iat.plus(ttl));
    }

    /** A signed access token, how many seconds it lives and when it expires. */
    public record IssuedToken(String token, long expiresInSeconds, Instant expiresAt) {
    }
}

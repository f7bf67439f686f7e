package org.esscard.account.service;

import java.time.Duration;
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

    public TokenIssuer(TokenConfig config) {
        this.config = config;
    }

    /** An access token for {@code subject} in {@code groups}, proven by {@code amr}, with any extra claims. */
    public IssuedToken issue(String subject, Set<String> groups, List<String> amr, Map<String, Object> claims) {
        Duration ttl = config.accessTokenTtl();
        var builder = Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).groups(groups)
                .claim("amr", amr).expiresIn(ttl);
        claims.forEach(builder::claim);
        String token = builder.jws().keyId(config.keyId()).algorithm(SignatureAlgorithm.ES256).sign();
        return new IssuedToken(token, ttl.toSeconds());
    }

    /** A signed access token and how many seconds it lives. */
    public record IssuedToken(String token, long expiresInSeconds) {
    }
}

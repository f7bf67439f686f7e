package org.esscard.platform.token;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import jakarta.inject.Singleton;

/**
 * Tokens whose signature and claims smallrye-jwt has verified, so a token presented again skips the ES256 verify.
 * Keyed by the whole token text, so a token that differs in one byte is a different key and is verified afresh (no
 * digest of the token stands in for it); bounded (Caffeine); an entry lives no longer than the token's {@code exp};
 * the whole cache is emptied when the verification key set changes ({@link #keySetChanged()}). It holds what the
 * signature proves and nothing more: the revocation check ({@code RevocationCheck}) and every rule of the services run
 * on each request, cached token or not. Metrics: {@code esscard.token.cache} with {@code result=hit|miss}.
 */
@Singleton
public class VerifiedTokenCache {

    public static final String METRIC = "esscard.token.cache";

    private final Cache<String, Verified> tokens;
    private final Clock clock;
    private final Counter hits;
    private final Counter misses;
    private final boolean enabled;

    public VerifiedTokenCache(TokenCacheConfig config, Clock clock, MeterRegistry registry) {
        this.clock = clock;
        this.enabled = config.maximumSize() > 0;
        this.tokens = Caffeine.newBuilder()
                .maximumSize(Math.max(config.maximumSize(), 0))
                .expireAfter(Expiry.creating((String token, Verified verified) ->
                        java.time.Duration.ofMillis(Math.max(verified.expiresAtMillis() - clock.millis(), 0))))
                .build();
        this.hits = Counter.builder(METRIC).tag("result", "hit").description("tokens served from the verified-token cache")
                .register(registry);
        this.misses = Counter.builder(METRIC).tag("result", "miss").description("tokens verified (not in the cache)")
                .register(registry);
        Gauge.builder(METRIC + ".size", tokens, Cache::estimatedSize).description("tokens in the verified-token cache")
                .register(registry);
    }

    /** The verified principal of {@code token}, or {@code null} when it must be verified (counted as a miss). */
    JWTCallerPrincipal get(String token) {
        if (!enabled) {
            return null;
        }
        Verified verified = tokens.getIfPresent(token);
        if (verified != null && clock.millis() < verified.expiresAtMillis()) {
            hits.increment();
            return verified.principal();
        }
        if (verified != null) {
            tokens.invalidate(token);
        }
        misses.increment();
        return null;
    }

    /** Keeps a token that has just been verified, until its {@code exp} at the latest (a token without one is not kept). */
    void put(String token, JWTCallerPrincipal principal) {
        long exp = principal.getExpirationTime();
        if (enabled && exp > 0 && TimeUnit.SECONDS.toMillis(exp) > clock.millis()) {
            tokens.put(token, new Verified(principal, TimeUnit.SECONDS.toMillis(exp)));
        }
    }

    /** The verification keys changed (a JWKS refresh brought a different set): no earlier verification holds. */
    public void keySetChanged() {
        long dropped = tokens.estimatedSize();
        tokens.invalidateAll();
        Log.infof("verification key set changed: %d cached tokens dropped", dropped);
    }

    /** Tokens held now (Caffeine's estimate, exact enough after {@code cleanUp}). */
    public long size() {
        tokens.cleanUp();
        return tokens.estimatedSize();
    }

    private record Verified(JWTCallerPrincipal principal, long expiresAtMillis) {
    }
}

package org.esscard.platform.token;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import org.esscard.platform.crypto.SignatureProvider;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

import io.quarkus.logging.Log;
import io.smallrye.jwt.KeyProvider;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.KeyLocationResolver;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * smallrye-jwt's principal factory (its documented extension point, replacing {@code DefaultJWTCallerPrincipalFactory})
 * with the {@link VerifiedTokenCache} in front: a token verified before is handed back without its signature being
 * checked again; any other goes through smallrye-jwt's own parser, unchanged, and is kept once it verified. Two hooks
 * in that parser: the key it resolves is handed to the native signature provider in that provider's own key type
 * ({@link SignatureProvider#forVerification}), and a JWKS refresh that brings a different key set empties the cache.
 * <p>
 * smallrye-jwt makes a fresh instance of this class with the no-argument constructor for a parse with other keys than
 * the configured ones ({@code JWTParser.verify(token, key)}); such an instance has no cache and only verifies.
 */
@Singleton
@Alternative
@Priority(1)
public class CachingPrincipalFactory extends JWTCallerPrincipalFactory {

    private final VerifiedTokenCache cache;
    private final Parser parser = new Parser();

    public CachingPrincipalFactory() {
        this.cache = null;
    }

    @Inject
    public CachingPrincipalFactory(VerifiedTokenCache cache) {
        this.cache = cache;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        if (cache != null) {
            JWTCallerPrincipal cached = cache.get(token);
            if (cached != null) {
                return cached;
            }
        }
        JwtContext context = parser.parse(token, authContextInfo);
        String type = context.getJoseObjects().get(0).getHeader("typ");
        JWTCallerPrincipal principal = new DefaultJWTCallerPrincipal(token, type, context.getJwtClaims());
        if (cache != null) {
            cache.put(token, principal);
        }
        return principal;
    }

    private void keySetChanged() {
        if (cache != null) {
            cache.keySetChanged();
        }
    }

    /** smallrye-jwt's parser with its key resolver watched and its keys handed to the native provider. */
    private final class Parser extends DefaultJWTTokenParser {

        private volatile VerificationKeyResolver resolver;

        @Override
        protected VerificationKeyResolver getVerificationKeyResolver(JWTAuthContextInfo info) throws UnresolvableKeyException {
            VerificationKeyResolver current = resolver;
            if (current == null) {
                synchronized (this) {
                    current = resolver;
                    if (current == null) {
                        VerificationKeyResolver inner = info.getKeyProvider() == KeyProvider.AWS_ALB || info.isVerifyCertificateThumbprint()
                                ? super.getVerificationKeyResolver(info)
                                : new WatchedKeys(info);
                        current = (JsonWebSignature jws, List<JsonWebStructure> nesting) ->
                                SignatureProvider.forVerification(inner.resolveKey(jws, nesting));
                        resolver = current;
                    }
                }
            }
            return current;
        }
    }

    /** smallrye-jwt's key resolver whose JWKS, when fetched over HTTP, reports a changed key set. */
    private final class WatchedKeys extends KeyLocationResolver {

        WatchedKeys(JWTAuthContextInfo info) throws UnresolvableKeyException {
            super(info);
        }

        @Override
        protected HttpsJwks getHttpsJwks(String location) {
            HttpsJwks jwks = new WatchedJwks(location);
            jwks.setDefaultCacheDuration(authContextInfo.getJwksRefreshInterval().longValue() * 60L);
            return jwks;
        }
    }

    /** A JWKS over HTTP that compares each refresh's keys with the last ones. */
    private final class WatchedJwks extends HttpsJwks {

        private volatile String lastKeys;

        WatchedJwks(String location) {
            super(location);
        }

        @Override
        public void refresh() throws JoseException, java.io.IOException {
            super.refresh();
            String keys = fingerprint(super.getJsonWebKeys());
            String previous = lastKeys;
            lastKeys = keys;
            if (previous != null && !Objects.equals(previous, keys)) {
                Log.infof("JWKS at %s changed", getLocation());
                keySetChanged();
            }
        }

        private static String fingerprint(List<JsonWebKey> keys) {
            TreeSet<String> all = new TreeSet<>();
            for (JsonWebKey key : keys) {
                all.add(key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            }
            return String.join("\n", all);
        }
    }
}

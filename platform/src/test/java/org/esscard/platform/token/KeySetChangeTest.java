package org.esscard.platform.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;

/**
 * A JWKS refresh that brings a different key set empties the verified-token cache: a real JWKS over HTTP, rotated
 * between two tokens, read by smallrye-jwt's own key resolver through {@link CachingPrincipalFactory}.
 */
class KeySetChangeTest {

    private static final String ISSUER = "esscard-account";
    private static final String AUDIENCE = "esscard";

    private HttpServer server;
    private final AtomicReference<String> published = new AtomicReference<>();
    private KeyPair first;
    private KeyPair second;
    private SimpleMeterRegistry registry;
    private VerifiedTokenCache cache;
    private CachingPrincipalFactory factory;
    private JWTAuthContextInfo info;

    @BeforeEach
    void start() throws Exception {
        first = pair();
        second = pair();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks.json", exchange -> {
            byte[] body = published.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        registry = new SimpleMeterRegistry();
        cache = new VerifiedTokenCache(() -> 100, Clock.systemUTC(), registry);
        factory = new CachingPrincipalFactory(cache);
        info = new JWTAuthContextInfo();
        info.setPublicKeyLocation("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
        info.setIssuedBy(ISSUER);
        info.setExpectedAudience(Set.of(AUDIENCE));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.ES256));
        info.setJwksRefreshInterval(10);
        info.setForcedJwksRefreshInterval(0);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aRotatedKeySetEmptiesTheCacheAndAnUnchangedOneDoesNot() throws Exception {
        publish(jwk(first, "k1"));
        String oldToken = token(first, "k1", "holder-1");
        factory.parse(oldToken, info);
        factory.parse(oldToken, info);
        assertThat(hits()).isEqualTo(1);
        assertThat(cache.size()).isEqualTo(1);

        // the issuer publishes its next key: a token naming it makes smallrye-jwt read the JWKS again
        publish(jwk(first, "k1"), jwk(second, "k2"));
        String newToken = token(second, "k2", "holder-2");
        verifiedOnceTheJwksIsReadAgain(newToken);

        assertThat(cache.size()).as("only the token verified after the change").isEqualTo(1);
        factory.parse(oldToken, info);
        assertThat(hits()).as("the old token was verified again, not served").isEqualTo(1);
        factory.parse(newToken, info);
        assertThat(hits()).isEqualTo(2);
    }

    @Test
    void aTokenOfAKeyNoLongerPublishedIsRefusedOnceTheSetChanged() throws Exception {
        publish(jwk(first, "k1"));
        String oldToken = token(first, "k1", "holder-1");
        factory.parse(oldToken, info);

        // the old key withdrawn (say it leaked): the next refresh drops what it verified
        publish(jwk(second, "k2"));
        verifiedOnceTheJwksIsReadAgain(token(second, "k2", "holder-2"));

        assertThatThrownBy(() -> factory.parse(oldToken, info)).isInstanceOf(ParseException.class);
    }

    /** jose4j reads a JWKS at most once per reprieve (a few hundred ms): until then the new key id is unknown. */
    private void verifiedOnceTheJwksIsReadAgain(String token) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try {
                factory.parse(token, info);
                return true;
            } catch (ParseException e) {
                return false;
            }
        });
    }

    private double hits() {
        var counter = registry.find(VerifiedTokenCache.METRIC).tag("result", "hit").counter();
        return counter == null ? 0 : counter.count();
    }

    private void publish(JsonWebKey... keys) {
        published.set(new JsonWebKeySet(List.of(keys)).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    }

    private static JsonWebKey jwk(KeyPair pair, String kid) throws Exception {
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
        jwk.setKeyId(kid);
        jwk.setAlgorithm("ES256");
        jwk.setUse("sig");
        return jwk;
    }

    private static String token(KeyPair pair, String kid, String subject) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).groups(Set.of("holder")).expiresIn(900)
                .jws().keyId(kid).algorithm(SignatureAlgorithm.ES256).sign(pair.getPrivate());
    }

    private static KeyPair pair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}

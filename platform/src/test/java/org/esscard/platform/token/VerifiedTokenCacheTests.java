package org.esscard.platform.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.esscard.events.account.SessionsRevoked;
import org.esscard.platform.revocation.Revocations;
import org.esscard.platform.testing.Metrics;
import org.esscard.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;

/**
 * The verified-token cache as a caller sees it: a token presented again is not verified again, yet an expired, revoked
 * or tampered token is refused whatever the cache holds, and a key set change forgets every verification.
 */
@QuarkusTest
class VerifiedTokenCacheTests {

    private static final String WHOAMI = "/api/test/whoami";

    @Inject
    MeterRegistry registry;

    @Inject
    VerifiedTokenCache cache;

    @Inject
    Revocations revocations;

    @Test
    void aTokenPresentedAgainIsServedFromTheCacheWithoutASecondSignatureCheck() {
        String subject = UUID.randomUUID().toString();
        String token = TestTokens.holder(subject, "WP-" + subject);
        double hits = count("hit");
        double misses = count("miss");

        whoami(token).statusCode(200).body(equalTo(subject));
        assertThat(count("miss")).as("first use: verified").isEqualTo(misses + 1);
        whoami(token).statusCode(200).body(equalTo(subject));
        whoami(token).statusCode(200).body(equalTo(subject));

        assertThat(count("hit")).as("later uses: from the cache").isEqualTo(hits + 2);
        assertThat(count("miss")).isEqualTo(misses + 1);
        // the names the dashboard's hit ratio reads
        assertThat(Metrics.value("esscard_token_cache_total", Map.of("result", "hit"))).isEqualTo(hits + 2);
        assertThat(Metrics.value("esscard_token_cache_total", Map.of("result", "miss"))).isEqualTo(misses + 1);
        assertThat(Metrics.present("esscard_token_cache_size")).isTrue();
    }

    @Test
    void aTamperedTokenIsNotServedFromTheCache() {
        String subject = UUID.randomUUID().toString();
        String token = TestTokens.holder(subject, "WP-" + subject);
        whoami(token).statusCode(200);
        double hits = count("hit");

        // one byte of the signature changed: the same claims, no longer the token that was verified
        int at = token.length() - 5;
        String tampered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
        whoami(tampered).statusCode(401);

        assertThat(count("hit")).isEqualTo(hits);
        whoami(token).statusCode(200);
    }

    @Test
    void anExpiredTokenIsNeverServedFromTheCache() {
        String subject = UUID.randomUUID().toString();
        Instant exp = Instant.now().plusSeconds(2);
        String token = Jwt.issuer(TestTokens.ISSUER).audience(TestTokens.AUDIENCE).subject(subject).groups(Set.of("holder"))
                .issuedAt(Instant.now()).expiresAt(exp)
                .jws().keyId(TestTokens.KEY_ID).algorithm(SignatureAlgorithm.ES256).sign("testkeys/jwt-private.pem");
        whoami(token).statusCode(200);
        whoami(token).statusCode(200);
        double hits = count("hit");
        assertThat(hits).isPositive();

        // the marker: the token's own exp has passed
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> Instant.now().isAfter(exp.plusMillis(50)));
        double misses = count("miss");
        int status = whoami(token).extract().statusCode();

        // past exp the cache has nothing to give: the token went back to smallrye-jwt's full check, which refuses it
        // once its clock skew (mp.jwt.verify.clock.skew) has passed too
        assertThat(count("hit")).isEqualTo(hits);
        assertThat(count("miss")).isEqualTo(misses + 1);
        assertThat(status).isIn(200, 401);
    }

    @Test
    void aRevokedTokenIsRefusedEvenThoughItIsCached() {
        String subject = UUID.randomUUID().toString();
        String sid = UUID.randomUUID().toString();
        String token = Jwt.issuer(TestTokens.ISSUER).audience(TestTokens.AUDIENCE).subject(subject).groups(Set.of("holder"))
                .claim("sid", sid).claim("amr", List.of("pwd")).issuedAt(Instant.now()).expiresIn(900)
                .jws().keyId(TestTokens.KEY_ID).algorithm(SignatureAlgorithm.ES256).sign("testkeys/jwt-private.pem");
        whoami(token).statusCode(200);
        double hits = count("hit");

        revocations.add(new SessionsRevoked(subject, sid, Instant.now(), SessionsRevoked.LOGOUT), Duration.ofMinutes(16));

        whoami(token).statusCode(401).body("code", equalTo("TOKEN_REVOKED"));
        assertThat(count("hit")).as("served from the cache, refused by the revocation check").isEqualTo(hits + 1);
    }

    @Test
    void aKeySetChangeForgetsEveryVerifiedToken() {
        String subject = UUID.randomUUID().toString();
        String token = TestTokens.holder(subject, "WP-" + subject);
        whoami(token).statusCode(200);
        assertThat(cache.size()).isPositive();

        cache.keySetChanged();

        assertThat(cache.size()).isZero();
        double misses = count("miss");
        whoami(token).statusCode(200);
        assertThat(count("miss")).isEqualTo(misses + 1);
    }

    private static io.restassured.response.ValidatableResponse whoami(String token) {
        return given().auth().oauth2(token).when().get(WHOAMI).then();
    }

    private double count(String result) {
        var counter = registry.find(VerifiedTokenCache.METRIC).tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }
}

package org.esscard.account;

import static org.hamcrest.Matchers.equalTo;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.esscard.account.support.Holders;
import org.esscard.platform.testing.TestClock;
import org.esscard.platform.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;

/** A holder token from account-service is accepted as issued, and refused (401) when forged, re-signed or expired. */
@QuarkusTest
class TokenSecurityTests {

    private static final String CARD = "/api/accounts/card";

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void resetClock() {
        TestClock.CLOCK.reset();
    }

    @Test
    void aHolderTokenAsIssuedIsAccepted() {
        Holders.Holder holder = Holders.withPermit(dataSource);
        Holders.from(Holders.newAddress()).auth().oauth2(Holders.accessToken(holder)).when().get(CARD)
                .then().statusCode(200).body("permitNumber", equalTo(holder.permitNumber()));
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = Holders.accessToken(Holders.withPermit(dataSource));
        String[] parts = token.split("\\.");
        String otherPermit = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replaceAll("\"permit\":\"[A-Z0-9]+\"", "\"permit\":\"A00000000000001\"")
                        .getBytes());
        unauthorized(parts[0] + "." + otherPermit + "." + parts[2]);
    }

    @Test
    void aTokenSignedWithAnotherKeyUnderOurKeyIdIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        String forged = Jwt.issuer("esscard-account").audience("esscard").subject(java.util.UUID.randomUUID().toString())
                .groups(Set.of("holder")).claim("amr", List.of("pwd", "pin")).claim("pin_at", Instant.now().getEpochSecond())
                .jws().keyId(TestTokens.KEY_ID).algorithm(SignatureAlgorithm.ES256).sign(generator.generateKeyPair().getPrivate());
        unauthorized(forged);
    }

    @Test
    void anExpiredTokenIsRefused() {
        Holders.Holder holder = Holders.withPermit(dataSource);
        // issued by account-service itself, 20 minutes ago
        TestClock.CLOCK.set(Instant.now().minus(Duration.ofMinutes(20)));
        String token = Holders.accessToken(holder);
        TestClock.CLOCK.reset();
        unauthorized(token);
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        String token = Jwt.issuer("someone-else").audience("esscard").subject(java.util.UUID.randomUUID().toString())
                .groups(Set.of("holder")).jws().keyId(TestTokens.KEY_ID).algorithm(SignatureAlgorithm.ES256)
                .sign("testkeys/jwt-private.pem");
        unauthorized(token);
    }

    private static void unauthorized(String token) {
        Holders.from(Holders.newAddress()).auth().oauth2(token).when().get(CARD)
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
    }
}

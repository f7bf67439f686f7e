package org.esscard.account;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.esscard.account.support.Holders.Holder;
import org.esscard.account.support.Holders;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;

/**
 * Attacks on tokens at account-service itself (issue 13): access and step-up tokens kept after the login ended, a
 * refresh token copied and used twice, and a token of the previous signing key during a rotation. The same across the
 * other services: e2e RevocationAttacksIT.
 */
@QuarkusTest
class TokenAttacksTests {

    private static final String PIN = "204816";
    private static final String WRONG_PIN = "913572";
    private static final String NEW_PASSWORD = "Changed#2027";
    /** The retired key of {@code %test.esscard.token.previous-public-keys}. */
    private static final String PREVIOUS_KEY_ID = "test-key-0";
    private static final String PREVIOUS_PRIVATE_KEY = "testkeys-previous/jwt-private.pem";
    private static final Duration REVOCATION_BOUND = Duration.ofSeconds(10);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void A8_tokenAfterLogoutOrReset() {
        // logout ends that login's access and step-up tokens, not the holder's other login
        Holder holder = Holders.withPermit(dataSource);
        var login = Holders.login(holder.permitNumber(), Holders.PASSWORD, Holders.newAddress()).statusCode(200).extract();
        String access = login.path("access_token");
        String other = Holders.accessToken(holder);
        ServicePinTests.setPin(access, Holders.PASSWORD, PIN, null).statusCode(204);
        String stepUp = ServicePinTests.verify(access, PIN).statusCode(200).extract().path("access_token");
        me(stepUp).statusCode(200);

        Holders.from(Holders.newAddress()).body(Map.of("refresh_token", login.path("refresh_token")))
                .when().post("/api/accounts/logout").then().statusCode(204);

        awaitRevoked(access);
        awaitRevoked(stepUp);
        me(other).statusCode(200);

        // a password change ends every login of the account, the one that changed it included
        String changer = Holders.accessToken(holder);
        String changerStepUp = ServicePinTests.verify(changer, PIN).statusCode(200).extract().path("access_token");
        Holders.from(Holders.newAddress()).auth().oauth2(changer)
                .body(Map.of("currentPassword", Holders.PASSWORD, "newPassword", NEW_PASSWORD))
                .when().put("/api/accounts/password").then().statusCode(204);
        awaitRevoked(other);
        awaitRevoked(changer);
        awaitRevoked(changerStepUp);
        // a login after the change works
        String fresh = Holders.login(holder.permitNumber(), NEW_PASSWORD, Holders.newAddress()).statusCode(200).extract().path("access_token");
        me(fresh).statusCode(200);

        // a PIN locked after five wrong PINs ends every login too
        String beforeLock = ServicePinTests.verify(fresh, PIN).statusCode(200).extract().path("access_token");
        for (int i = 0; i < 5; i++) {
            ServicePinTests.verify(fresh, WRONG_PIN).statusCode(i < 4 ? 403 : 423);
        }
        awaitRevoked(fresh);
        awaitRevoked(beforeLock);
    }

    @Test
    void A23_stolenRefreshTokenUsedTwice() {
        // a copy of the refresh token is used by someone else first: the holder's next use reveals the copy, and then
        // not only the refresh tokens but the access tokens of that login stop working
        Holder holder = Holders.withPermit(dataSource);
        var login = Holders.login(holder.permitNumber(), Holders.PASSWORD, Holders.newAddress()).statusCode(200).extract();
        String copied = login.path("refresh_token");
        String thiefAccess = refresh(copied).statusCode(200).extract().path("access_token");
        me(thiefAccess).statusCode(200);

        refresh(copied).statusCode(401).body("code", equalTo("REFRESH_TOKEN_INVALID"));

        awaitRevoked(thiefAccess);
        awaitRevoked(login.path("access_token"));
    }

    @Test
    void A9_oldKeyToken() {
        // signed by the key that signed before the rotation, which the JWKS still lists
        String token = Jwt.issuer("esscard-account").audience("esscard").subject("staff:support").groups(Set.of("support"))
                .issuedAt(Instant.now()).expiresIn(900)
                .jws().keyId(PREVIOUS_KEY_ID).algorithm(SignatureAlgorithm.ES256).sign(PREVIOUS_PRIVATE_KEY);
        given().when().get("/api/accounts/.well-known/jwks.json").then().statusCode(200)
                .body("keys.kid", org.hamcrest.Matchers.hasItem(PREVIOUS_KEY_ID));

        me(token).statusCode(200).body("subject", equalTo("staff:support"));
    }

    private static ValidatableResponse refresh(String refreshToken) {
        return Holders.from(Holders.newAddress()).body(Map.of("refresh_token", refreshToken))
                .when().post("/api/accounts/token/refresh").then();
    }

    private static ValidatableResponse me(String token) {
        return given().auth().oauth2(token).when().get("/api/accounts/me").then();
    }

    private static void awaitRevoked(String token) {
        await().atMost(REVOCATION_BOUND).untilAsserted(() -> me(token).statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("TOKEN_REVOKED")));
    }
}

package org.esscard.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import org.esscard.platform.testing.TestTokens;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Staff log in with the configured accounts and get ES256 tokens that the published JWKS verifies. */
@QuarkusTest
class StaffLoginTests {

    private static final String AUTHORITY = "authority";
    private static final String AUTHORITY_PASSWORD = "Authority#2026";

    @Test
    void authorityLogsInAndTheTokenCarriesTheSuitesClaims() throws Exception {
        String token = login(AUTHORITY, AUTHORITY_PASSWORD);

        String jwks = given().when().get("/api/accounts/.well-known/jwks.json")
                .then().statusCode(200).extract().asString();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        assertThat(jws.getKeyIdHeaderValue()).isEqualTo(TestTokens.KEY_ID);
        assertThat(jws.getAlgorithmHeaderValue()).isEqualTo("ES256");
        jws.setKey(new JsonWebKeySet(jwks).findJsonWebKey(TestTokens.KEY_ID, "EC", "sig", "ES256").getKey());
        assertThat(jws.verifySignature()).isTrue();
        JwtClaims claims = JwtClaims.parse(jws.getPayload());
        assertThat(claims.getIssuer()).isEqualTo("esscard-account");
        assertThat(claims.getAudience()).containsExactly("esscard");
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("permit-authority");
        assertThat(claims.getStringListClaimValue("amr")).containsExactly("pwd");
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(900);
    }

    @Test
    void issuedTokenIsAcceptedByTheService() {
        String token = login("support", "Support#2026");

        given().auth().oauth2(token).when().get("/api/accounts/me")
                .then().statusCode(200)
                .body("subject", equalTo("staff:support"))
                .body("groups", hasItem("support"));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        Map<String, Object> wrongPassword = failedLogin(AUTHORITY, "Wrong#2026");
        Map<String, Object> unknownUser = failedLogin("nobody", "Wrong#2026");

        assertThat(wrongPassword).containsEntry("code", "INVALID_CREDENTIALS").containsEntry("status", 401);
        assertThat(unknownUser).isEqualTo(wrongPassword);
    }

    @Test
    void forgedAndExpiredTokensAreRefused() {
        String forged = login(AUTHORITY, AUTHORITY_PASSWORD);
        String[] parts = forged.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];

        given().auth().oauth2(tampered).when().get("/api/accounts/me")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
        given().auth().oauth2(TestTokens.expired("support")).when().get("/api/accounts/me")
                .then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        given().when().get("/api/accounts/me")
                .then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void missingFieldsAreNamed() {
        given().contentType(ContentType.JSON).body("{\"username\": \"authority\"}")
                .when().post("/api/accounts/staff/login")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", equalTo(List.of("password")));
    }

    static String login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .when().post("/api/accounts/staff/login")
                .then().statusCode(200).body("token_type", equalTo("Bearer")).body("expires_in", equalTo(900))
                .extract().path("access_token");
    }

    private static Map<String, Object> failedLogin(String username, String password) {
        Map<String, Object> problem = given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .when().post("/api/accounts/staff/login")
                .then().statusCode(401).contentType("application/problem+json")
                .extract().as(Map.class);
        problem.remove("instance");
        // each request has a trace of its own
        problem.remove("traceId");
        return problem;
    }
}

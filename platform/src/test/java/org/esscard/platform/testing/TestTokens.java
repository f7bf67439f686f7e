package org.esscard.platform.testing;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Mints tokens shaped like account-service's (DESIGN §4) with the test key in {@code testkeys/}, for
 * services whose tests need a holder, an authority, an officer or support staff.
 */
public final class TestTokens {

    public static final String ISSUER = "esscard-account";
    public static final String AUDIENCE = "esscard";
    public static final String KEY_ID = "test-key-1";
    private static final String PRIVATE_KEY = "testkeys/jwt-private.pem";

    private TestTokens() {
    }

    /** A holder of {@code permitNumber} (none bound when null) who has just passed the PIN step-up (R15). */
    public static String holder(String accountId, String permitNumber) {
        JwtClaimsBuilder claims = base(accountId, Set.of("holder"));
        if (permitNumber != null) {
            claims.claim("permit", permitNumber);
        }
        return claims
                .claim("amr", List.of("pwd", "pin"))
                .claim("pin_at", Instant.now().getEpochSecond())
                .jws().keyId(KEY_ID).algorithm(SignatureAlgorithm.ES256).sign(PRIVATE_KEY);
    }

    /** A holder of {@code permitNumber} whose PIN step-up happened at {@code pinAt}. */
    public static String holderSteppedUpAt(String accountId, String permitNumber, Instant pinAt) {
        return base(accountId, Set.of("holder"))
                .claim("permit", permitNumber)
                .claim("amr", List.of("pwd", "pin"))
                .claim("pin_at", pinAt.getEpochSecond())
                .jws().keyId(KEY_ID).algorithm(SignatureAlgorithm.ES256).sign(PRIVATE_KEY);
    }

    /** A holder logged in with the password only, without the PIN step-up. */
    public static String holderWithoutPin(String accountId, String permitNumber) {
        return base(accountId, Set.of("holder"))
                .claim("permit", permitNumber)
                .claim("amr", List.of("pwd"))
                .jws().keyId(KEY_ID).algorithm(SignatureAlgorithm.ES256).sign(PRIVATE_KEY);
    }

    public static String permitAuthority() {
        return staff("permit-authority");
    }

    public static String officer() {
        return staff("exit-entry-officer");
    }

    public static String support() {
        return staff("support");
    }

    /** A staff token of {@code group}. */
    public static String staff(String group) {
        return base("staff-" + group, Set.of(group))
                .claim("amr", List.of("pwd"))
                .jws().keyId(KEY_ID).algorithm(SignatureAlgorithm.ES256).sign(PRIVATE_KEY);
    }

    /** A token that expired a minute ago. */
    public static String expired(String group) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("expired-" + UUID.randomUUID()).groups(Set.of(group))
                .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(60))
                .jws().keyId(KEY_ID).algorithm(SignatureAlgorithm.ES256).sign(PRIVATE_KEY);
    }

    private static JwtClaimsBuilder base(String subject, Set<String> groups) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).groups(groups)
                .issuedAt(Instant.now()).expiresIn(900);
    }
}

package org.esscard.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Holder tokens as account-service issues them after the PIN step-up (ES256, DESIGN §4), signed with the running
 * suite's own key: permit inquiries at thousands per second need tokens faster than PIN checks (Argon2id) can give.
 */
public final class Tokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final PrivateKey key;
    private final String keyId;

    public Tokens(Path privateKeyPem, String keyId) {
        this.keyId = keyId;
        try {
            String pem = Files.readString(privateKeyPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            this.key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the token signing key " + privateKeyPem, e);
        }
    }

    /** A holder of {@code permitNumber} who passed the PIN step-up just now; valid 5 minutes, like the real one. */
    public String holder(String permitNumber) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + keyId + "\"}";
        String claims = "{\"iss\":\"esscard-account\",\"aud\":\"esscard\",\"sub\":\"" + UUID.randomUUID() + "\",\"groups\":[\"holder\"],"
                + "\"permit\":\"" + permitNumber + "\",\"amr\":[\"pwd\",\"pin\"],\"pin_at\":" + now + ",\"iat\":" + now
                + ",\"exp\":" + (now + 300) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException("ES256 signing failed", e);
        }
    }
}

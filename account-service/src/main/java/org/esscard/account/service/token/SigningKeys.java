package org.esscard.account.service.token;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.esscard.account.config.TokenConfig;
import org.esscard.platform.crypto.Jwks;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The public halves of the signing keys, published as a JWK Set for every service and officer app to verify
 * tokens: the current key, any about to sign (published ahead of the switch) and any retired by a rotation whose
 * tokens may still be alive. account-service verifies with this set too ({@code VerificationKeys}). Verifiers pick by
 * {@code kid}, so a new key can sign from one moment to the next without anyone being logged out: refresh
 * tokens are opaque and key-independent, and access tokens of the old key stay valid until they expire.
 */
@ApplicationScoped
public class SigningKeys {

    private final Map<String, Object> jwks;

    public SigningKeys(TokenConfig config) {
        Map<String, ECPublicKey> keys = new LinkedHashMap<>();
        keys.put(config.keyId(), readPublicKey(config.publicKeyLocation()));
        add(keys, "esscard.token.next-public-keys", config.nextPublicKeys().orElse(List.of()));
        add(keys, "esscard.token.previous-public-keys", config.previousPublicKeys().orElse(List.of()));
        this.jwks = Jwks.of(keys);
    }

    private static void add(Map<String, ECPublicKey> keys, String property, List<String> entries) {
        for (String entry : entries) {
            String[] parts = entry.split("=", 2);
            if (parts.length != 2 || parts[0].isBlank() || keys.containsKey(parts[0].strip())) {
                throw new IllegalStateException(property + ": each entry must be kid=location with a kid other than the current"
                        + " one and every other listed (" + keys.keySet() + ")");
            }
            keys.put(parts[0].strip(), readPublicKey(parts[1].strip()));
        }
    }

    public Map<String, Object> jwks() {
        return jwks;
    }

    /** Reads a PEM public key from a file, or from the classpath when no such file exists. */
    static ECPublicKey readPublicKey(String location) {
        try {
            String pem;
            Path file = Path.of(location);
            if (Files.isRegularFile(file)) {
                pem = Files.readString(file);
            } else {
                try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(location)) {
                    if (in == null) {
                        throw new IllegalStateException("token public key not found at " + location);
                    }
                    pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                }
            }
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (ECPublicKey) KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read token public key " + location, e);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("token public key at " + location + " is not an EC P-256 key", e);
        }
    }
}

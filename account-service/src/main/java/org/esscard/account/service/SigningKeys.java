package org.esscard.account.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.esscard.account.config.TokenConfig;

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
        List<Map<String, Object>> keys = new ArrayList<>();
        keys.add(jwk(config.keyId(), readPublicKey(config.publicKeyLocation())));
        Set<String> kids = new HashSet<>(Set.of(config.keyId()));
        add(keys, kids, "esscard.token.next-public-keys", config.nextPublicKeys().orElse(List.of()));
        add(keys, kids, "esscard.token.previous-public-keys", config.previousPublicKeys().orElse(List.of()));
        this.jwks = Map.of("keys", List.copyOf(keys));
    }

    private static void add(List<Map<String, Object>> keys, Set<String> kids, String property, List<String> entries) {
        for (String entry : entries) {
            String[] parts = entry.split("=", 2);
            if (parts.length != 2 || parts[0].isBlank() || !kids.add(parts[0].strip())) {
                throw new IllegalStateException(property + ": each entry must be kid=location with a kid other than the current"
                        + " one and every other listed (" + kids + ")");
            }
            keys.add(jwk(parts[0].strip(), readPublicKey(parts[1].strip())));
        }
    }

    private static Map<String, Object> jwk(String kid, ECPublicKey key) {
        return Map.of(
                "kty", "EC",
                "crv", "P-256",
                "x", coordinate(key.getW().getAffineX()),
                "y", coordinate(key.getW().getAffineY()),
                "kid", kid,
                "use", "sig",
                "alg", "ES256");
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

    /** A P-256 coordinate as JWK wants it: 32 bytes, big-endian, base64url without padding. */
    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - copy, fixed, 32 - copy, copy);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(fixed, 32));
    }
}

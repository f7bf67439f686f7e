package org.esscard.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Makes the QR codes an officer meets that the app never shows: signed with the suite's own QR key (read from the
 * file {@code ./esscard keys} keeps) but expired, or naming a permit that does not exist; or signed with a key the
 * suite does not publish. The claims are those of a real code, so only the one thing differs.
 */
final class QrForger {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrivateKey key;
    private final String kid;

    private QrForger(PrivateKey key, String kid) {
        this.key = key;
        this.kid = kid;
    }

    /** The suite's QR signing key, as the local run keeps it. */
    static QrForger withSuiteKey(Path privateKeyPem, String kid) {
        try {
            String pem = Files.readString(privateKeyPem, StandardCharsets.US_ASCII)
                    .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            return new QrForger(key, kid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh key under a kid the suite never published. */
    static QrForger withUnknownKey(String kid) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return new QrForger(generator.generateKeyPair().getPrivate(), kid);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a real code ({@code ESSC1:} text), to change one of them. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> claimsOf(String qr) {
        String payload = qr.substring("ESSC1:".length()).split("\\.")[1];
        try {
            return JSON.readValue(Base64.getUrlDecoder().decode(payload), LinkedHashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code claims} with {@code iat} and {@code exp} moved to the given times. */
    static Map<String, Object> during(Map<String, Object> claims, Instant issuedAt, Instant expiresAt) {
        Map<String, Object> changed = new LinkedHashMap<>(claims);
        changed.put("iat", issuedAt.getEpochSecond());
        changed.put("exp", expiresAt.getEpochSecond());
        return changed;
    }

    String sign(Map<String, Object> claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKeyIdHeaderValue(kid);
        try {
            jws.setPayload(JSON.writeValueAsString(claims));
            jws.setKey(key);
            return "ESSC1:" + jws.getCompactSerialization();
        } catch (JsonProcessingException | JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A real code with one character of its payload changed: what an altered screenshot gives. */
    static String tampered(String qr) {
        int at = qr.indexOf('.') + 30;
        char changed = qr.charAt(at) == 'A' ? 'B' : 'A';
        return qr.substring(0, at) + changed + qr.substring(at + 1);
    }
}

package org.esscard.permit.service.credential;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Key material and hand-made codes for the credential tests, so each test can build exactly the ring it needs. */
final class QrTestKeys {

    private QrTestKeys() {
    }

    /** A fresh P-256 key as an operator would configure it: PKCS#8 and X.509 PEM. */
    static QrKeyRing.PemKey p256(String kid) {
        KeyPair pair = pair("EC", "secp256r1");
        return new QrKeyRing.PemKey(kid, pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    /** The same key without its private half, as the ring holds a retired or not-yet-active key. */
    static QrKeyRing.PemKey verifyOnly(QrKeyRing.PemKey key) {
        return new QrKeyRing.PemKey(key.kid(), null, key.publicKeyPem());
    }

    static KeyPair pair(String algorithm, String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (curve != null) {
                generator.initialize(new ECGenParameterSpec(curve));
            } else if (algorithm.equals("RSA")) {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] unb64(String segment) {
        return Base64.getUrlDecoder().decode(segment);
    }

    /** A code with any header and payload, ES256-signed by {@code key} as a forger holding that key would. */
    static String es256(String headerJson, String payloadJson, PrivateKey key) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        try {
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(key);
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            return QrFormat.PREFIX + input + "." + b64(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A code MAC'd with HS256: the key-confusion forgery, with the public key bytes as the shared secret. */
    static String hs256(String headerJson, String payloadJson, byte[] secret) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return QrFormat.PREFIX + input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key of a PEM pair, for forging codes in tests. */
    static PrivateKey privateKey(QrKeyRing.PemKey key) {
        try {
            String body = key.privateKeyPem().replaceAll("-----[A-Z ]+-----|\\s", "");
            return KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

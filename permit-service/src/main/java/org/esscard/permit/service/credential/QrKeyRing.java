package org.esscard.permit.service.credential;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.esscard.platform.crypto.Jwks;
import org.jose4j.keys.EllipticCurves;

/**
 * The EC P-256 keys of the permit QR credential. The active key signs; every key in the ring verifies, so after a
 * rotation the codes already on holders' screens stay valid until their own short expiry.
 */
public final class QrKeyRing {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final String INLINE = "-----BEGIN";
    private static final String CLASSPATH = "classpath:";
    private static final String FILE = "file:";
    private static final List<String> OTHER_KEY_TYPES = List.of("RSA", "Ed25519", "Ed448", "X25519", "X448", "DSA");

    private final String activeKid;
    private final ECPrivateKey signingKey;
    private final Map<String, ECPublicKey> publicKeys;

    /** A key as configured: its id, PKCS#8 private key PEM (null for a verify-only key) and X.509 public key PEM. */
    public record PemKey(String kid, String privateKeyPem, String publicKeyPem) {

        /** Secrets must not leak through logs, so only the key id is shown. */
        @Override
        public String toString() {
            return "PemKey[" + kid + (privateKeyPem == null ? ", verify-only]" : ", with private key]");
        }

        /**
         * Reads a key's PEM texts from locations: {@code classpath:path}, {@code file:path}, a plain file path, or
         * the PEM text itself (as a Kubernetes secret in an environment variable delivers it).
         *
         * @param privateKeyLocation null for a key that only verifies
         */
        public static PemKey load(String kid, String privateKeyLocation, String publicKeyLocation) {
            Objects.requireNonNull(publicKeyLocation, "publicKeyLocation");
            return new PemKey(kid, privateKeyLocation == null ? null : read(kid, privateKeyLocation),
                    read(kid, publicKeyLocation));
        }

        private static String read(String kid, String location) {
            if (location.strip().startsWith(INLINE)) {
                return location;
            }
            try {
                if (location.startsWith(CLASSPATH)) {
                    String resource = location.substring(CLASSPATH.length()).replaceFirst("^/", "");
                    ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                            .orElse(QrKeyRing.class.getClassLoader());
                    try (InputStream in = loader.getResourceAsStream(resource)) {
                        if (in == null) {
                            throw new IllegalArgumentException(
                                    "QR key '" + kid + "': no classpath resource " + resource);
                        }
                        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                    }
                }
                String file = location.startsWith(FILE) ? location.substring(FILE.length()) : location;
                return Files.readString(Path.of(file), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new IllegalArgumentException("QR key '" + kid + "': cannot read " + location + ": " + e, e);
            }
        }
    }

    private QrKeyRing(String activeKid, ECPrivateKey signingKey, Map<String, ECPublicKey> publicKeys) {
        this.activeKid = activeKid;
        this.signingKey = signingKey;
        this.publicKeys = Collections.unmodifiableMap(publicKeys);
    }

    /**
     * Builds the ring from configured keys. Every key is checked up front (EC P-256, private and public halves
     * belong together) so a bad secret stops the service at start-up rather than at the first scan.
     *
     * @param keys      every key that verifies: the active one, the previous one until its codes expire, and a
     *                  next one published ahead of a rotation
     * @param activeKid the key that signs; it must carry its private key
     * @throws IllegalArgumentException naming the key and what is wrong with it, never quoting key material
     */
    public static QrKeyRing of(List<PemKey> keys, String activeKid) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(activeKid, "activeKid");
        Map<String, ECPublicKey> publicKeys = new LinkedHashMap<>();
        ECPrivateKey signingKey = null;
        for (PemKey key : keys) {
            String kid = checkKid(key.kid());
            if (publicKeys.containsKey(kid)) {
                throw new IllegalArgumentException("QR key '" + kid + "' is configured twice");
            }
            if (key.publicKeyPem() == null) {
                throw new IllegalArgumentException("QR key '" + kid + "' has no public key");
            }
            ECPublicKey publicKey = parsePublic(kid, decodePem(kid, key.publicKeyPem(), "PUBLIC KEY"));
            if (key.privateKeyPem() != null) {
                ECPrivateKey privateKey = parsePrivate(kid, decodePem(kid, key.privateKeyPem(), "PRIVATE KEY"));
                requirePair(kid, privateKey, publicKey);
                if (kid.equals(activeKid)) {
                    signingKey = privateKey;
                }
            }
            publicKeys.put(kid, publicKey);
        }
        if (!publicKeys.containsKey(activeKid)) {
            throw new IllegalArgumentException(
                    "active QR key '" + activeKid + "' is not among the configured keys " + publicKeys.keySet());
        }
        if (signingKey == null) {
            throw new IllegalArgumentException(
                    "active QR key '" + activeKid + "' has no private key, so it cannot sign");
        }
        return new QrKeyRing(activeKid, signingKey, publicKeys);
    }

    /**
     * A ring that only verifies, as an officer's device holds it: the published public keys by kid. It signs nothing
     * ({@link #activeKid()} is null).
     */
    static QrKeyRing verifyOnly(Map<String, ECPublicKey> publicKeys) {
        Map<String, ECPublicKey> keys = new LinkedHashMap<>();
        publicKeys.forEach((kid, key) -> keys.put(checkKid(kid), Objects.requireNonNull(key, kid)));
        return new QrKeyRing(null, null, keys);
    }

    /** A ring of one fresh in-memory key, for local runs and tests; its codes die with the process. */
    public static QrKeyRing generate(String kid) {
        checkKid(kid);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            Map<String, ECPublicKey> publicKeys = new LinkedHashMap<>();
            publicKeys.put(kid, (ECPublicKey) pair.getPublic());
            return new QrKeyRing(kid, (ECPrivateKey) pair.getPrivate(), publicKeys);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate EC P-256 keys", e);
        }
    }

    /** The key id new codes are signed with. */
    public String activeKid() {
        return activeKid;
    }

    /** Every key id that verifies, in configured order. */
    public Set<String> kids() {
        return publicKeys.keySet();
    }

    /** The verifying key for a key id, if the ring holds it. */
    public Optional<ECPublicKey> publicKey(String kid) {
        return Optional.ofNullable(kid == null ? null : publicKeys.get(kid));
    }

    ECPrivateKey signingKey() {
        return signingKey;
    }

    /**
     * The public JWK Set (RFC 7517) that officers' offline apps download: one EC P-256 key per kid, marked for
     * ES256 signatures. Safe to publish; it holds no private material.
     */
    public Map<String, Object> jwks() {
        return Jwks.of(publicKeys);
    }

    @Override
    public String toString() {
        return "QrKeyRing[active=" + activeKid + ", kids=" + publicKeys.keySet() + "]";
    }

    private static String checkKid(String kid) {
        if (kid == null || !QrFormat.KID.matcher(kid).matches()) {
            throw new IllegalArgumentException(
                    "QR key id '" + kid + "' must be 1-64 characters of letters, digits, '.', '_' or '-'");
        }
        return kid;
    }

    private static byte[] decodePem(String kid, String pem, String expectedType) {
        Matcher matcher = PEM.matcher(pem);
        if (!matcher.find()) {
            throw new IllegalArgumentException("QR key '" + kid + "': expected a PEM block '" + expectedType + "'");
        }
        String type = matcher.group(1);
        if (!type.equals(expectedType)) {
            String hint = switch (type) {
                case "EC PRIVATE KEY" -> "; convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in KEY";
                case "ENCRYPTED PRIVATE KEY" -> "; the service needs it unencrypted (protect it as a secret instead)";
                case "RSA PRIVATE KEY", "RSA PUBLIC KEY" -> "; only EC P-256 keys are accepted";
                case "CERTIFICATE" -> "; give the public key: openssl x509 -pubkey -noout -in CERT";
                default -> "";
            };
            throw new IllegalArgumentException(
                    "QR key '" + kid + "': PEM block is '" + type + "', expected '" + expectedType + "'" + hint);
        }
        try {
            return Base64.getMimeDecoder().decode(matcher.group(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("QR key '" + kid + "': PEM block '" + type + "' is not valid base64");
        }
    }

    private static ECPublicKey parsePublic(String kid, byte[] der) {
        try {
            return requireP256(kid, "public key",
                    KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der)));
        } catch (InvalidKeySpecException e) {
            throw notEc(kid, "public key", algorithm -> KeyFactory.getInstance(algorithm)
                    .generatePublic(new X509EncodedKeySpec(der)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no EC key support", e);
        }
    }

    private static ECPrivateKey parsePrivate(String kid, byte[] der) {
        try {
            return requireP256(kid, "private key",
                    KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der)));
        } catch (InvalidKeySpecException e) {
            throw notEc(kid, "private key", algorithm -> KeyFactory.getInstance(algorithm)
                    .generatePrivate(new PKCS8EncodedKeySpec(der)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no EC key support", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <K extends Key> K requireP256(String kid, String what, Key key) {
        String curve = EllipticCurves.getName(((ECKey) key).getParams().getCurve());
        if (!EllipticCurves.P_256.equals(curve)) {
            throw new IllegalArgumentException("QR key '" + kid + "': " + what + " is an EC key on "
                    + (curve == null ? "an unnamed curve" : curve) + "; only EC P-256 keys are accepted");
        }
        return (K) key;
    }

    /** A parse attempt with one key algorithm. */
    @FunctionalInterface
    private interface KeyParse {
        Key parse(String algorithm) throws GeneralSecurityException;
    }

    /** Names the key type the operator actually supplied, because "invalid key spec" alone sends them hunting. */
    private static IllegalArgumentException notEc(String kid, String what, KeyParse parse) {
        String found = "not a readable key";
        for (String algorithm : OTHER_KEY_TYPES) {
            try {
                parse.parse(algorithm);
                found = "a key of type " + algorithm;
                break;
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this type either
            }
        }
        return new IllegalArgumentException(
                "QR key '" + kid + "': " + what + " is " + found + "; only EC P-256 keys are accepted");
    }

    private static void requirePair(String kid, PrivateKey privateKey, PublicKey publicKey) {
        try {
            byte[] probe = ("QrKeyRing pair check " + kid).getBytes(StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(publicKey);
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new IllegalArgumentException(
                        "QR key '" + kid + "': the private key does not belong to the public key");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("QR key '" + kid + "': key pair check failed: " + e.getMessage(), e);
        }
    }
}

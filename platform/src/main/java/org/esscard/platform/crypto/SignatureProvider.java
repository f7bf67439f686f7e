package org.esscard.platform.crypto;

import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

/**
 * ES256 signatures (SHA256withECDSA) through a native JCA provider: Amazon Corretto Crypto Provider (AWS-LC, the
 * native library inside its jar), chosen by measurement (docs/BENCHMARKS.md, "Signature provider"): the JDK's SunEC
 * takes 1–4 ms per verify on these machines, ACCP about a tenth of that.
 * <p>
 * Only the {@code Signature.SHA256withECDSA} service is put first in the JCA order, wrapped in a provider of its own
 * ({@value #NAME}); everything else (TLS, digests, ciphers, key factories, other signature algorithms) keeps the JDK's
 * providers and behaves as before. jose4j, and so smallrye-jwt and smallrye-jwt-build, ask the JCA order for
 * {@code SHA256withECDSA} when no provider is named, so JWT verification and signing and the QR credential all take it
 * without being told. Where the native library cannot load (another platform, a locked-down JVM), or the system
 * property {@value #DISABLE_PROPERTY} is {@code false}, nothing is registered and the JDK's provider signs; the
 * service says once at start which one is in use ({@link SignatureProviderStartup}).
 */
public final class SignatureProvider {

    /** {@code -Desscard.crypto.native=false} (or {@code ESSCARD_CRYPTO_NATIVE=false}): keep the JDK's provider. */
    public static final String DISABLE_PROPERTY = "esscard.crypto.native";
    public static final String NAME = "EsscardNativeEcdsa";
    public static final String ALGORITHM = "SHA256withECDSA";

    private static final Logger LOG = Logger.getLogger(SignatureProvider.class);
    private static final String NATIVE_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    private static volatile Provider nativeProvider;
    private static volatile String status;
    /** Public keys translated to the native provider's own type: the JDK's need a conversion on every init. */
    private static final Map<Key, PublicKey> TRANSLATED = new ConcurrentHashMap<>();

    private SignatureProvider() {
    }

    /**
     * Registers the native {@code SHA256withECDSA} at position 1 unless disabled or unloadable; idempotent. Returns a
     * sentence saying which provider signs and why, for the one start-up log line.
     */
    public static synchronized String install() {
        if (status != null) {
            return status;
        }
        String enabled = System.getProperty(DISABLE_PROPERTY, System.getenv().getOrDefault("ESSCARD_CRYPTO_NATIVE", "true"));
        if ("false".equalsIgnoreCase(enabled)) {
            status = "ES256 signatures: JDK provider " + jdkProviderName() + " (native provider disabled by -D"
                    + DISABLE_PROPERTY + "=false)";
            return status;
        }
        try {
            Provider loaded = (Provider) Class.forName(NATIVE_CLASS).getConstructor().newInstance();
            Throwable loadingError = (Throwable) loaded.getClass().getMethod("getLoadingError").invoke(loaded);
            if (loadingError != null) {
                throw loadingError;
            }
            Provider.Service service = loaded.getService("Signature", ALGORITHM);
            if (service == null) {
                throw new NoSuchAlgorithmException(loaded.getName() + " has no " + ALGORITHM);
            }
            selfTest(loaded);
            Security.insertProviderAt(new NativeSignatures(service), 1);
            nativeProvider = loaded;
            status = "ES256 signatures: native provider " + loaded.getName() + " " + loaded.getVersionStr()
                    + " (AWS-LC), " + ALGORITHM + " only; everything else stays with the JDK's providers";
        } catch (Throwable e) {
            LOG.debugf(e, "native signature provider not loaded");
            status = "ES256 signatures: JDK provider " + jdkProviderName() + " (native provider unavailable: " + e
                    + ")";
        }
        return status;
    }

    /** Whether the native provider signs and verifies {@code SHA256withECDSA} in this JVM. */
    public static boolean nativeInUse() {
        return nativeProvider != null;
    }

    /**
     * {@code key} as a key of the native provider, where it is an EC public key and the provider is in use: its
     * signature then skips converting the JDK's key on each verify. Memoised per key; any other key comes back as is.
     */
    public static Key forVerification(Key key) {
        Provider provider = nativeProvider;
        if (provider == null || !(key instanceof ECPublicKey) || key.getClass().getClassLoader() == provider.getClass().getClassLoader()) {
            return key;
        }
        return TRANSLATED.computeIfAbsent(key, k -> {
            try {
                return KeyFactory.getInstance("EC", provider).generatePublic(new X509EncodedKeySpec(k.getEncoded()));
            } catch (Exception e) {
                return (PublicKey) k;
            }
        });
    }

    private static String jdkProviderName() {
        try {
            return Signature.getInstance(ALGORITHM).getProvider().getName();
        } catch (NoSuchAlgorithmException e) {
            return "(none)";
        }
    }

    /** One sign and verify before the provider is trusted with every token. */
    private static void selfTest(Provider provider) throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        java.security.KeyPair pair = generator.generateKeyPair();
        byte[] probe = "esscard signature provider self-test".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(ALGORITHM, provider);
        signer.initSign(pair.getPrivate());
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(ALGORITHM, provider);
        verifier.initVerify(pair.getPublic());
        verifier.update(probe);
        if (!verifier.verify(signature)) {
            throw new InvalidKeyException(provider.getName() + " failed its " + ALGORITHM + " self-test");
        }
    }

    /** The one service put first: the native provider's SHA256withECDSA, under a provider that offers nothing else. */
    private static final class NativeSignatures extends Provider {

        private static final long serialVersionUID = 1L;

        NativeSignatures(Provider.Service target) {
            super(NAME, "1.0", ALGORITHM + " of " + target.getProvider().getName() + ", nothing else");
            putService(new Delegate(this, target));
        }
    }

    private static final class Delegate extends Provider.Service {

        private final Provider.Service target;

        Delegate(Provider owner, Provider.Service target) {
            super(owner, target.getType(), target.getAlgorithm(), target.getClassName(), null, null);
            this.target = target;
        }

        @Override
        public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
            return target.newInstance(constructorParameter);
        }

        @Override
        public boolean supportsParameter(Object parameter) {
            return target.supportsParameter(parameter);
        }
    }
}

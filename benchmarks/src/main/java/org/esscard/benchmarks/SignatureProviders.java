package org.esscard.benchmarks;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * ES256 (P-256 ECDSA, SHA-256) sign and verify of a 300-byte message, one thread, per JCA provider: the JDK's SunEC,
 * Conscrypt (BoringSSL) and Amazon Corretto Crypto Provider (AWS-LC). Each provider is measured with keys made by the
 * JDK's own key factory (what a verifier holds when the key factory is not the provider's) and with keys of its own
 * key factory, each in {@code rounds} rounds after a warm-up, printed as min / median / max µs per operation. The
 * figures chose the provider of {@code org.esscard.platform.crypto.SignatureProvider} (docs/BENCHMARKS.md).
 * <p>
 * Run: {@code java -cp benchmarks/target/classes:<conscrypt jar>:<accp jar> org.esscard.benchmarks.SignatureProviders [rounds] [ops]}
 */
public final class SignatureProviders {

    private static final String ALGORITHM = "SHA256withECDSA";

    private SignatureProviders() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int ops = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        System.out.printf(Locale.ROOT, "java %s, %d rounds of %d ops, µs per op (min / median / max)%n",
                System.getProperty("java.version"), rounds, ops);
        Map<String, Provider> providers = new LinkedHashMap<>();
        providers.put("SunEC", Signature.getInstance(ALGORITHM).getProvider());
        load("org.conscrypt.OpenSSLProvider").ifPresent(p -> providers.put("Conscrypt", p));
        load("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider").ifPresent(p -> providers.put("ACCP", p));

        byte[] message = new byte[300];
        new Random(14).nextBytes(message);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair jdkPair = generator.generateKeyPair();

        for (Map.Entry<String, Provider> entry : providers.entrySet()) {
            Provider provider = entry.getValue();
            KeyFactory factory = KeyFactory.getInstance("EC", provider);
            KeyPair ownPair = new KeyPair(
                    factory.generatePublic(new X509EncodedKeySpec(jdkPair.getPublic().getEncoded())),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(jdkPair.getPrivate().getEncoded())));
            for (boolean own : new boolean[] {false, true}) {
                KeyPair pair = own ? ownPair : jdkPair;
                byte[] signature = sign(provider, pair.getPrivate(), message);
                // warm-up: the JIT and the provider's native paths
                measure(() -> sign(provider, pair.getPrivate(), message), ops);
                measure(() -> verify(provider, pair.getPublic(), message, signature), ops);
                List<Double> signs = new ArrayList<>();
                List<Double> verifies = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    signs.add(measure(() -> sign(provider, pair.getPrivate(), message), ops));
                    verifies.add(measure(() -> verify(provider, pair.getPublic(), message, signature), ops));
                }
                System.out.printf(Locale.ROOT, "%-10s %-9s sign %s   verify %s%n", entry.getKey(),
                        own ? "own keys" : "JDK keys", Spread.of(signs).format("%.0f"), Spread.of(verifies).format("%.0f"));
            }
        }
    }

    private static java.util.Optional<Provider> load(String className) {
        try {
            return java.util.Optional.of((Provider) Class.forName(className).getConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            System.out.println("not measured: " + className + " (" + e + ")");
            return java.util.Optional.empty();
        }
    }

    private static byte[] sign(Provider provider, PrivateKey key, byte[] message) throws Exception {
        Signature signer = Signature.getInstance(ALGORITHM, provider);
        signer.initSign(key);
        signer.update(message);
        return signer.sign();
    }

    private static Object verify(Provider provider, PublicKey key, byte[] message, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance(ALGORITHM, provider);
        verifier.initVerify(key);
        verifier.update(message);
        if (!verifier.verify(signature)) {
            throw new IllegalStateException("signature did not verify with " + provider.getName());
        }
        return Boolean.TRUE;
    }

    /** µs per operation over {@code ops} operations. */
    private static double measure(Op op, int ops) throws Exception {
        Object sink = null;
        long start = System.nanoTime();
        for (int i = 0; i < ops; i++) {
            sink = op.run();
        }
        long elapsed = System.nanoTime() - start;
        if (sink == null) {
            throw new IllegalStateException();
        }
        return elapsed / 1_000.0 / ops;
    }

    private interface Op {
        Object run() throws Exception;
    }
}

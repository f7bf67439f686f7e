package org.esscard.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;

/**
 * The native ES256 provider: first for SHA256withECDSA (and so for jose4j, which asks the JCA order), nothing else
 * moved; with it disabled (or unloadable) the JDK's provider signs and the start-up line says so.
 */
class SignatureProviderTest {

    @Test
    void theNativeProviderSignsAndVerifiesSha256WithEcdsaAndNothingElseMoves() throws Exception {
        String status = SignatureProvider.install();

        assertThat(status).contains("native provider AmazonCorrettoCryptoProvider");
        assertThat(SignatureProvider.nativeInUse()).isTrue();
        assertThat(Signature.getInstance("SHA256withECDSA").getProvider().getName()).isEqualTo(SignatureProvider.NAME);
        assertThat(KeyFactory.getInstance("EC").getProvider().getName()).isEqualTo("SunEC");
        assertThat(Signature.getInstance("SHA256withRSA").getProvider().getName()).isNotEqualTo(SignatureProvider.NAME);
        assertThat(MessageDigest.getInstance("SHA-256").getProvider().getName()).isEqualTo("SUN");
        assertThat(SSLContext.getDefault().getProvider().getName()).isEqualTo("SunJSSE");

        // a JWS through jose4j, as smallrye-jwt and the QR credential make and check them, with a JDK key pair
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        JsonWebSignature signing = new JsonWebSignature();
        signing.setPayload("{\"sub\":\"holder\"}");
        signing.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        signing.setKey(pair.getPrivate());
        String compact = signing.getCompactSerialization();
        JsonWebSignature checking = new JsonWebSignature();
        checking.setCompactSerialization(compact);
        checking.setKey(SignatureProvider.forVerification(pair.getPublic()));
        assertThat(checking.verifySignature()).isTrue();
        // and the JDK's own provider accepts what the native one signed
        Signature jdk = Signature.getInstance("SHA256withECDSA", "SunEC");
        jdk.initVerify(pair.getPublic());
        jdk.update("probe".getBytes(StandardCharsets.US_ASCII));
        Signature nativeSigner = Signature.getInstance("SHA256withECDSA");
        nativeSigner.initSign(pair.getPrivate());
        nativeSigner.update("probe".getBytes(StandardCharsets.US_ASCII));
        assertThat(jdk.verify(nativeSigner.sign())).isTrue();
    }

    @Test
    void disabledTheJdkProviderSignsAndTheStartLineSaysSo() throws Exception {
        // a JVM of its own: the JCA order is global, and this one has the native provider installed
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-D" + SignatureProvider.DISABLE_PROPERTY + "=false",
                "-cp", System.getProperty("java.class.path"), SignatureProviderProbe.class.getName()))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output).contains("ES256 signatures: JDK provider SunEC (native provider disabled")
                .contains("SHA256withECDSA by SunEC").contains("verified true");
        assertThat(process.exitValue()).as(output).isZero();
    }
}

package org.esscard.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/** Installs the provider as a service does and prints what signs: run in a JVM of its own by the fallback test. */
public final class SignatureProviderProbe {

    private SignatureProviderProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(SignatureProvider.install());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        byte[] message = "probe".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(SignatureProvider.ALGORITHM);
        signer.initSign(pair.getPrivate());
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(SignatureProvider.ALGORITHM);
        verifier.initVerify((java.security.PublicKey) SignatureProvider.forVerification(pair.getPublic()));
        verifier.update(message);
        System.out.println(SignatureProvider.ALGORITHM + " by " + signer.getProvider().getName() + ", verified "
                + verifier.verify(signature));
    }
}

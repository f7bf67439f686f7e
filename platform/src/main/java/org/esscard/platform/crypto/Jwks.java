package org.esscard.platform.crypto;

import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.lang.JoseException;
import org.jose4j.json.JsonUtil;

/**
 * A JWK Set (RFC 7517) of ES256 verification keys, as jose4j writes it: public members only, each key with its
 * {@code kid}, {@code use: sig} and {@code alg: ES256}. The token keys (account-service) and the QR keys
 * (permit-service) are published this one way.
 */
public final class Jwks {

    private Jwks() {
    }

    /** The set of {@code keys} by kid, in their order, as the JSON object a JAX-RS resource answers with. */
    public static Map<String, Object> of(Map<String, ECPublicKey> keys) {
        List<JsonWebKey> jwks = new ArrayList<>();
        keys.forEach((kid, key) -> {
            EllipticCurveJsonWebKey jwk = new EllipticCurveJsonWebKey(key);
            jwk.setKeyId(kid);
            jwk.setUse("sig");
            jwk.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            jwks.add(jwk);
        });
        try {
            return JsonUtil.parseJson(new JsonWebKeySet(jwks).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        } catch (JoseException e) {
            throw new IllegalStateException("jose4j could not read back the JWK Set it wrote", e);
        }
    }
}

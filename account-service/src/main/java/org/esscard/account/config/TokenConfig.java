package org.esscard.account.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The token issuer's keys and lifetimes. The private key itself is {@code smallrye.jwt.sign.key.location}. */
@ConfigMapping(prefix = "esscard.token")
public interface TokenConfig {

    /** Key id written in every token header and in the JWKS, so verifiers pick the right key during a rotation. */
    String keyId();

    /** PEM file (or classpath resource) of the public key that matches the signing key. */
    String publicKeyLocation();

    @WithDefault("PT15M")
    Duration accessTokenTtl();
}

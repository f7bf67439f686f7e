package org.esscard.account.config;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The token issuer's keys and lifetimes. The private key itself is {@code smallrye.jwt.sign.key.location}. */
@ConfigMapping(prefix = "esscard.token")
public interface TokenConfig {

    /** Key id written in every token header and in the JWKS, so verifiers pick the right key during a rotation. */
    String keyId();

    /** PEM file (or classpath resource) of the public key that matches the signing key. */
    String publicKeyLocation();

    /**
     * Keys retired by a rotation, each {@code kid=location-of-public-PEM}: still published in the JWKS so access
     * tokens they signed stay valid until they expire. Drop an entry once the access token lifetime has passed.
     */
    Optional<List<String>> previousPublicKeys();

    /**
     * Keys about to sign, each {@code kid=location-of-public-PEM}: published in the JWKS before the switch, so every
     * verifier already has them when the first token they sign arrives (step 1 of a rotation, docs/ACCOUNTS.md).
     */
    Optional<List<String>> nextPublicKeys();

    /**
     * When the signing key ({@link #keyId()}) was made, e.g. {@code 2026-01-15T00:00:00Z}: its age is the metric
     * {@code esscard_signing_key_age_seconds}. Unset: the modification time of the public key file, which is right for
     * a pair generated in place (./esscard) but not for a Kubernetes Secret volume (there it is the mount's time), so
     * the chart always sets it (secrets.tokenSigningKey.createdAt).
     */
    Optional<Instant> keyCreatedAt();

    /**
     * The rotation policy: a signing key older than this is overdue for rotation. Published as
     * {@code esscard_signing_key_rotation_period_seconds}, which the alert compares the key's age with.
     */
    @WithDefault("P90D")
    Duration rotationPeriod();

    @WithDefault("PT15M")
    Duration accessTokenTtl();

    /** How long an unused refresh token stays valid; every use rotates it. */
    @WithDefault("P30D")
    Duration refreshTokenTtl();

    /** How long a login lasts at most, however often it is refreshed: then the holder logs in again. */
    @WithDefault("P90D")
    Duration refreshFamilyMaxAge();

    /** Lifetime of the tokens account-service mints for its own calls to other services (identity-service). */
    @WithDefault("PT2M")
    Duration serviceTokenTtl();
}

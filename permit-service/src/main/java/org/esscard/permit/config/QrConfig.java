package org.esscard.permit.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The QR credential's signing keys and lifetimes (docs/QR-CREDENTIAL.md). Keys come from a Secret in
 * production; every listed key verifies and the active one signs, so a rotation keeps old QR codes valid
 * until they expire. Without any key (local runs, tests) an in-memory key is generated at start.
 */
@ConfigMapping(prefix = "esscard.permit.qr")
public interface QrConfig {

    /** The key id that signs; required when keys are configured. */
    Optional<String> activeKid();

    /** Keys by id: {@code esscard.permit.qr.keys."<kid>".public-key} and, for signing keys, {@code .private-key}. */
    Map<String, Key> keys();

    /** How long a QR shown in the app stays valid. */
    @WithDefault("PT10M")
    Duration ttl();

    /** How long the QR printed in a downloaded Notification Letter stays valid: the letter is kept on the phone. */
    @WithDefault("P30D")
    Duration letterTtl();

    /** Clock difference tolerated between a QR's issuer and its verifier. */
    @WithDefault("PT30S")
    Duration clockSkew();

    /** One key: PEM locations (a file path, {@code classpath:...}, or the PEM text itself). */
    interface Key {
        Optional<String> privateKey();

        String publicKey();
    }
}

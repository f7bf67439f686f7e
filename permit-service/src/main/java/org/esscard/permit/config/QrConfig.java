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

    /** The published status lists that let officers see a cancellation offline (docs/QR-CREDENTIAL.md). */
    StatusLists statusList();

    interface StatusLists {

        /**
         * What a QR's {@code status.status_list.uri} starts with; list {@code n} is {@code <uri-base>/<n>}. Identifies
         * the list (the token's {@code sub} must equal it); the suite serves it at
         * {@code /api/permits/qr/status-lists/<n>}, so set it to that path under the public host.
         */
        @WithDefault("http://localhost:8080/api/permits/qr/status-lists")
        String uriBase();

        /** Entries per list, a multiple of 8: one bit per permit, 128 KiB before compression at the default. */
        @WithDefault("1048576")
        int size();

        /** The token's {@code ttl}: how soon an officer's device should fetch the list again. */
        @WithDefault("PT5M")
        Duration ttl();

        /** The token's {@code exp} after its {@code iat}: past it, an offline check warns that the list is stale. */
        @WithDefault("PT24H")
        Duration validity();

        /** How long one instance serves a list it built before it reads the permits again (well under ttl). */
        @WithDefault("PT5S")
        Duration refresh();
    }

    /** One key: PEM locations (a file path, {@code classpath:...}, or the PEM text itself). */
    interface Key {
        Optional<String> privateKey();

        String publicKey();
    }
}

package org.esscard.account.service.token;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.esscard.account.config.TokenConfig;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The age of the key that signs tokens, against the rotation policy, for the alert that says a rotation is overdue
 * (docs/OPERATIONS.md): {@code esscard_signing_key_age_seconds{kid}} and {@code esscard_signing_key_rotation_period_seconds}.
 * The key's creation time is {@code esscard.token.key-created-at}, else the public key file's modification time; with
 * neither (a key on the class path) there is no age to publish, and the start says so.
 */
@ApplicationScoped
public class SigningKeyAge {

    private final TokenConfig config;
    private final Clock clock;
    private final MeterRegistry registry;

    public SigningKeyAge(TokenConfig config, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.clock = clock;
        this.registry = registry;
    }

    void register(@Observes StartupEvent start) {
        long period = config.rotationPeriod().toSeconds();
        Gauge.builder("esscard.signing.key.rotation.period", () -> period)
                .description("The token signing key's rotation policy (esscard.token.rotation-period)").baseUnit("seconds")
                .register(registry);
        Optional<Instant> createdAt = createdAt(config.keyCreatedAt(), config.publicKeyLocation());
        if (createdAt.isEmpty()) {
            Log.warnf("token signing key %s: its creation time is unknown (set esscard.token.key-created-at), so its age is not"
                    + " published and no alert can say its rotation is overdue", config.keyId());
            return;
        }
        Instant created = createdAt.get();
        Gauge.builder("esscard.signing.key.age", () -> Math.max(0, Duration.between(created, clock.instant()).toSeconds()))
                .tag("kid", config.keyId())
                .description("How long ago the key that signs tokens was made (esscard.token.key-created-at)").baseUnit("seconds")
                .register(registry);
    }

    /** The configured creation time, else the modification time of the public key when it is a file. */
    static Optional<Instant> createdAt(Optional<Instant> configured, String publicKeyLocation) {
        if (configured.isPresent()) {
            return configured;
        }
        Path file = Path.of(publicKeyLocation);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

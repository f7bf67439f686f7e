package org.esscard.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.esscard.platform.testing.Metrics;
import org.esscard.platform.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The signing key's age and the rotation policy, as the alert EsscardSigningKeyRotationOverdue compares them
 * (deploy/helm/esscard/files/alerts.yaml): the key made at {@value #CREATED_AT} (%test esscard.token.key-created-at),
 * a policy of 90 days.
 */
@QuarkusTest
class SigningKeyAgeTests {

    private static final String CREATED_AT = "2026-01-01T00:00:00Z";
    private static final Map<String, String> ACTIVE_KEY = Map.of("kid", "test-key-1");

    @AfterEach
    void resetClock() {
        TestClock.CLOCK.reset();
    }

    @Test
    void theActiveKeysAgeGrowsWithTheClock_andThePolicyIsPublishedBesideIt() {
        long expected = Duration.between(Instant.parse(CREATED_AT), TestClock.CLOCK.instant()).toSeconds();
        double age = Metrics.value("esscard_signing_key_age_seconds", ACTIVE_KEY);
        assertThat(age).isBetween(expected - 5.0, expected + 5.0);
        assertThat(Metrics.value("esscard_signing_key_rotation_period_seconds")).isEqualTo(Duration.ofDays(90).toSeconds());

        TestClock.CLOCK.advance(Duration.ofDays(1));

        assertThat(Metrics.value("esscard_signing_key_age_seconds", ACTIVE_KEY) - age).isBetween(86_400.0, 86_405.0);
        // only the key that signs has an age: the retired one (test-key-0) is not rotated again
        assertThat(Metrics.value("esscard_signing_key_age_seconds", Map.of("kid", "test-key-0"))).isZero();
    }
}

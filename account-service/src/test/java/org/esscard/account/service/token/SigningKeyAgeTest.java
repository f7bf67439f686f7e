package org.esscard.account.service.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the signing key's creation time comes from: the property, else the public key file, else nowhere. */
class SigningKeyAgeTest {

    private static final Instant GENERATED = Instant.parse("2026-03-01T08:00:00Z");

    @Test
    void theConfiguredTimeWinsOverTheFile(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("public.pem"), "-----BEGIN PUBLIC KEY-----");
        Files.setLastModifiedTime(key, FileTime.from(GENERATED));
        Instant configured = Instant.parse("2026-01-15T00:00:00Z");

        assertThat(SigningKeyAge.createdAt(Optional.of(configured), key.toString())).contains(configured);
    }

    @Test
    void withoutAConfiguredTimeTheFilesModificationTimeCounts(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("public.pem"), "-----BEGIN PUBLIC KEY-----");
        Files.setLastModifiedTime(key, FileTime.from(GENERATED));

        assertThat(SigningKeyAge.createdAt(Optional.empty(), key.toString())).contains(GENERATED);
    }

    @Test
    void aKeyOnTheClassPathHasNoKnownAge() {
        assertThat(SigningKeyAge.createdAt(Optional.empty(), "testkeys/jwt-public.pem")).isEmpty();
    }
}

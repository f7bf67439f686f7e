package org.esscard.permit.service.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.esscard.events.permit.TalentCategory;
import org.esscard.permit.service.credential.Verdict.Outcome;
import org.esscard.platform.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN §5 key rotation: two keys live at once, and only EC P-256 keys that belong together are accepted. */
class QrKeyRingTest {

    private static final String OLD_KID = "qr-2026-01";
    private static final String NEW_KID = "qr-2026-07";
    private static final String PERMIT_NUMBER = "11010020260001234";
    private static final String HOLDER_NAME = "JOHANNA MUELLER-SMIT";
    private static final LocalDate VALID_UNTIL = LocalDate.of(2028, 6, 30);
    private static final Instant NOW = Instant.parse("2026-07-01T02:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(10);
    private static final Duration SKEW = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock();
    private final QrKeyRing.PemKey oldKey = QrTestKeys.p256(OLD_KID);
    private final QrKeyRing.PemKey newKey = QrTestKeys.p256(NEW_KID);

    @BeforeEach
    void startClock() {
        clock.set(NOW);
    }

    private SignedQr signWith(QrKeyRing ring) {
        return new QrCredentialSigner(ring, TTL, clock)
                .sign(PERMIT_NUMBER, HOLDER_NAME, "DEU", TalentCategory.C, VALID_UNTIL);
    }

    private Verdict verifyWith(QrKeyRing ring, String text) {
        return new QrCredentialVerifier(ring, clock, SKEW).verify(text);
    }

    @Test
    void rotationKeepsCodesSignedWithTheOldKeyValidUntilTheKeyIsRemoved() {
        // Before: the old key signs, the next key is already published so offline apps know it in time.
        QrKeyRing before = QrKeyRing.of(List.of(oldKey, QrTestKeys.verifyOnly(newKey)), OLD_KID);
        SignedQr oldCode = signWith(before);
        assertThat(oldCode.kid()).isEqualTo(OLD_KID);

        // Rotated: the new key signs, the old one only verifies.
        QrKeyRing rotated = QrKeyRing.of(List.of(QrTestKeys.verifyOnly(oldKey), newKey), NEW_KID);
        clock.advance(Duration.ofMinutes(1));
        SignedQr newCode = signWith(rotated);

        Verdict oldVerdict = verifyWith(rotated, oldCode.text());
        Verdict newVerdict = verifyWith(rotated, newCode.text());
        assertThat(oldVerdict.outcome()).isEqualTo(Outcome.VALID);
        assertThat(oldVerdict.kid()).isEqualTo(OLD_KID);
        assertThat(newVerdict.outcome()).isEqualTo(Outcome.VALID);
        assertThat(newVerdict.kid()).isEqualTo(NEW_KID);
        assertThat(verifyWith(before, newCode.text()).outcome()).isEqualTo(Outcome.VALID);

        // Retired: once every old code has expired the old key leaves the ring.
        QrKeyRing retired = QrKeyRing.of(List.of(newKey), NEW_KID);
        assertThat(verifyWith(retired, oldCode.text()).outcome()).isEqualTo(Outcome.UNKNOWN_KEY);
        assertThat(verifyWith(retired, oldCode.text()).kid()).isEqualTo(OLD_KID);
        assertThat(verifyWith(retired, newCode.text()).outcome()).isEqualTo(Outcome.VALID);
        assertThat(retired.jwks().toString()).doesNotContain(OLD_KID);
    }

    @Test
    void ringReportsItsKeys() {
        QrKeyRing ring = QrKeyRing.of(List.of(QrTestKeys.verifyOnly(oldKey), newKey), NEW_KID);

        assertThat(ring.activeKid()).isEqualTo(NEW_KID);
        assertThat(ring.kids()).containsExactly(OLD_KID, NEW_KID);
        assertThat(ring.publicKey(OLD_KID)).isPresent();
        assertThat(ring.publicKey("nope")).isEmpty();
        assertThat(ring.publicKey(null)).isEmpty();
        assertThat(ring.toString()).contains(NEW_KID).doesNotContain("PRIVATE");
        assertThat(newKey.toString()).doesNotContain("PRIVATE").doesNotContain("BEGIN");
    }

    @Test
    void generatedRingSignsAndVerifies() {
        QrKeyRing ring = QrKeyRing.generate("local");

        assertThat(verifyWith(ring, signWith(ring).text()).outcome()).isEqualTo(Outcome.VALID);
        assertThat(QrKeyRing.generate("local").jwks()).isNotEqualTo(ring.jwks());
    }

    @Test
    void activeKeyMustExistAndCarryItsPrivateKey() {
        assertThatThrownBy(() -> QrKeyRing.of(List.of(oldKey), NEW_KID))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not among the configured keys");
        assertThatThrownBy(() -> QrKeyRing.of(List.of(oldKey, QrTestKeys.verifyOnly(newKey)), NEW_KID))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no private key");
        assertThatThrownBy(() -> QrKeyRing.of(List.of(), OLD_KID)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kidsAreUniqueAndPlain() {
        assertThatThrownBy(() -> QrKeyRing.of(List.of(oldKey, QrTestKeys.verifyOnly(oldKey)), OLD_KID))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("configured twice");
        QrKeyRing.PemKey spaced = new QrKeyRing.PemKey("qr 2026", oldKey.privateKeyPem(), oldKey.publicKeyPem());
        assertThatThrownBy(() -> QrKeyRing.of(List.of(spaced), "qr 2026"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key id");
        assertThatThrownBy(() -> QrKeyRing.generate("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void halvesOfDifferentPairsAreRefused() {
        QrKeyRing.PemKey mixed = new QrKeyRing.PemKey(OLD_KID, oldKey.privateKeyPem(), newKey.publicKeyPem());

        assertThatThrownBy(() -> QrKeyRing.of(List.of(mixed), OLD_KID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not belong to the public key");
    }

    @Test
    void keysOtherThanP256AreRefusedByName() {
        KeyPair rsa = QrTestKeys.pair("RSA", null);
        KeyPair p384 = QrTestKeys.pair("EC", "secp384r1");
        KeyPair ed25519 = QrTestKeys.pair("Ed25519", null);

        assertRefused(new QrKeyRing.PemKey("k", null, QrTestKeys.pem("PUBLIC KEY", rsa.getPublic().getEncoded())),
                "public key is a key of type RSA; only EC P-256 keys are accepted");
        assertRefused(new QrKeyRing.PemKey("k", QrTestKeys.pem("PRIVATE KEY", rsa.getPrivate().getEncoded()),
                oldKey.publicKeyPem()), "private key is a key of type RSA; only EC P-256 keys are accepted");
        assertRefused(new QrKeyRing.PemKey("k", null, QrTestKeys.pem("PUBLIC KEY", p384.getPublic().getEncoded())),
                "public key is an EC key on P-384; only EC P-256 keys are accepted");
        assertRefused(new QrKeyRing.PemKey("k", QrTestKeys.pem("PRIVATE KEY", p384.getPrivate().getEncoded()),
                QrTestKeys.pem("PUBLIC KEY", p384.getPublic().getEncoded())), "EC key on P-384");
        assertRefused(new QrKeyRing.PemKey("k", null, QrTestKeys.pem("PUBLIC KEY", ed25519.getPublic().getEncoded())),
                "public key is a key of type Ed25519");
    }

    @Test
    void pemProblemsAreExplainedWithoutQuotingTheKey() {
        String secretBody = oldKey.privateKeyPem().lines().skip(1).findFirst().orElseThrow();

        assertRefused(new QrKeyRing.PemKey("k", oldKey.privateKeyPem().replace("PRIVATE KEY", "EC PRIVATE KEY"),
                oldKey.publicKeyPem()), "openssl pkcs8 -topk8");
        assertRefused(new QrKeyRing.PemKey("k", oldKey.privateKeyPem().replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY"),
                oldKey.publicKeyPem()), "unencrypted");
        assertRefused(new QrKeyRing.PemKey("k", oldKey.publicKeyPem(), oldKey.publicKeyPem()),
                "expected 'PRIVATE KEY'");
        assertRefused(new QrKeyRing.PemKey("k", null, oldKey.privateKeyPem()), "expected 'PUBLIC KEY'");
        assertRefused(new QrKeyRing.PemKey("k", null, "not a pem"), "expected a PEM block");
        assertRefused(new QrKeyRing.PemKey("k", null, null), "no public key");
        assertRefused(new QrKeyRing.PemKey("k", null,
                "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"), "not a readable key");
        assertThatThrownBy(() -> QrKeyRing.of(List.of(new QrKeyRing.PemKey("k",
                oldKey.privateKeyPem().replace("PRIVATE KEY", "EC PRIVATE KEY"), oldKey.publicKeyPem())), "k"))
                .hasMessageNotContaining(secretBody);
    }

    @Test
    void keysLoadFromFilesAndInlinePem(@TempDir Path dir) throws Exception {
        Path privateFile = Files.writeString(dir.resolve("qr.key"), newKey.privateKeyPem(), StandardCharsets.US_ASCII);
        Path publicFile = Files.writeString(dir.resolve("qr.pub.pem"), newKey.publicKeyPem(),
                StandardCharsets.US_ASCII);
        Path oldPublicFile = Files.writeString(dir.resolve("old.pub.pem"), oldKey.publicKeyPem(),
                StandardCharsets.US_ASCII);

        QrKeyRing ring = QrKeyRing.of(List.of(
                QrKeyRing.PemKey.load(OLD_KID, null, "file:" + oldPublicFile),
                QrKeyRing.PemKey.load(NEW_KID, privateFile.toString(), publicFile.toString())), NEW_KID);
        QrKeyRing inline = QrKeyRing.of(List.of(
                QrKeyRing.PemKey.load(NEW_KID, newKey.privateKeyPem(), newKey.publicKeyPem())), NEW_KID);

        assertThat(ring.kids()).containsExactly(OLD_KID, NEW_KID);
        assertThat(verifyWith(inline, signWith(ring).text()).outcome()).isEqualTo(Outcome.VALID);
    }

    @Test
    void missingLocationsAreNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> QrKeyRing.PemKey.load("k", null, "classpath:qr/missing.pub.pem"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no classpath resource qr/missing");
        assertThatThrownBy(() -> QrKeyRing.PemKey.load("k", null, dir.resolve("absent.pem").toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read");
    }

    private static void assertRefused(QrKeyRing.PemKey key, String message) {
        assertThatThrownBy(() -> QrKeyRing.of(List.of(key), key.kid()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}

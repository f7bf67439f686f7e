package org.esscard.permit.service.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

import org.esscard.events.permit.TalentCategory;
import org.esscard.permit.service.credential.Verdict.Outcome;
import org.esscard.platform.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** R18 and DESIGN §5: tampering, expiry, unknown keys and anything that is not our code are each detected. */
class QrCredentialVerifierTest {

    private static final String KID = "k1";
    private static final String PERMIT_NUMBER = "11010020260001234";
    private static final String HOLDER_NAME = "JOHANNA MUELLER-SMIT";
    private static final String NATIONALITY = "DEU";
    private static final TalentCategory CATEGORY = TalentCategory.B;
    private static final LocalDate VALID_UNTIL = LocalDate.of(2028, 6, 30);
    private static final Instant NOW = Instant.parse("2026-03-15T08:30:00Z");
    private static final Duration TTL = Duration.ofMinutes(10);
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final String HEADER = "{\"alg\":\"ES256\",\"kid\":\"k1\"}";
    private static final String PAYLOAD = "{\"pn\":\"11010020260001234\",\"hn\":\"JOHANNA MUELLER-SMIT\","
            + "\"nat\":\"DEU\",\"cat\":\"B\",\"vu\":\"2028-06-30\",\"iat\":" + NOW.getEpochSecond() + ",\"exp\":"
            + NOW.plus(TTL).getEpochSecond() + ",\"jti\":\"AAAAAAAAAAAAAAAA\"}";

    private final QrKeyRing.PemKey key = QrTestKeys.p256(KID);
    private final QrKeyRing ring = QrKeyRing.of(List.of(key), KID);
    private final MutableClock clock = new MutableClock();
    private final QrCredentialSigner signer = new QrCredentialSigner(ring, TTL, clock);
    private final QrCredentialVerifier verifier = new QrCredentialVerifier(ring, clock, SKEW);

    @BeforeEach
    void startClock() {
        clock.set(NOW);
    }

    private SignedQr sign() {
        return signer.sign(PERMIT_NUMBER, HOLDER_NAME, NATIONALITY, CATEGORY, VALID_UNTIL);
    }

    @Test
    void handMadeCodeWithTheRingKeyIsValid() {
        // Proves the forgery tests below fail for what they change, not for how they were built.
        assertThat(verifier.verify(QrTestKeys.es256(HEADER, PAYLOAD, QrTestKeys.privateKey(key))).outcome())
                .isEqualTo(Outcome.VALID);
    }

    @Test
    void aCodeEndsWithThePermitsLastDayInChina() {
        // 2026-03-20 ends at 15:59:59 UTC in Shanghai; a 30-day letter code signed on the 15th stops there
        LocalDate lastDay = LocalDate.of(2026, 3, 20);
        QrCredentialSigner letter = new QrCredentialSigner(ring, Duration.ofDays(30), clock);
        SignedQr signed = letter.sign(PERMIT_NUMBER, HOLDER_NAME, NATIONALITY, CATEGORY, lastDay);
        assertThat(signed.claims().expiresAt()).isEqualTo(Instant.parse("2026-03-20T15:59:59Z"));
        assertThat(verifier.verify(signed.text()).outcome()).isEqualTo(Outcome.VALID);
        // a short code well before the end keeps its own lifetime
        assertThat(signer.sign(PERMIT_NUMBER, HOLDER_NAME, NATIONALITY, CATEGORY, lastDay).claims().expiresAt())
                .isEqualTo(NOW.plus(TTL));
    }

    @Test
    void aGenuineCodeWhoseExpiryOutlivesThePermitIsMalformed() {
        long oneSecondTooLate = Instant.parse("2028-06-30T16:00:00Z").getEpochSecond();
        String payload = PAYLOAD.replace("\"exp\":" + NOW.plus(TTL).getEpochSecond(), "\"exp\":" + oneSecondTooLate);
        Verdict verdict = verifier.verify(QrTestKeys.es256(HEADER, payload, QrTestKeys.privateKey(key)));
        assertThat(verdict.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(verdict.reason()).contains("validity");
        assertThat(verdict.claims()).isNull();
    }

    @Test
    void noCodeIsSignedOnceThePermitsLastSecondHasCome() {
        clock.set(Instant.parse("2028-06-30T15:59:59Z"));
        assertThatThrownBy(this::sign).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyCharacterChangedInPayloadOrSignatureIsTampered() {
        String text = sign().text();
        int payloadStart = text.indexOf('.') + 1;
        int signatureStart = text.lastIndexOf('.') + 1;
        List<String> missed = new ArrayList<>();
        int tried = 0;
        for (int i = payloadStart; i < text.length(); i++) {
            if (i == signatureStart - 1) {
                continue;
            }
            for (int shift : new int[] {1, 32}) {
                char substitute = ALPHABET.charAt((ALPHABET.indexOf(text.charAt(i)) + shift) % ALPHABET.length());
                String altered = text.substring(0, i) + substitute + text.substring(i + 1);
                Verdict verdict = verifier.verify(altered);
                tried++;
                if (verdict.outcome() != Outcome.TAMPERED || verdict.claims() != null) {
                    missed.add(i + "->" + substitute + ": " + verdict.outcome());
                }
            }
        }
        assertThat(tried).isGreaterThan(500);
        assertThat(missed).isEmpty();
    }

    @Test
    void flippedBitsInPayloadOrSignatureAreTampered() {
        String text = sign().text();
        String[] segments = text.substring(QrFormat.PREFIX.length()).split("\\.");
        List<String> missed = new ArrayList<>();
        for (int segment = 1; segment <= 2; segment++) {
            byte[] bytes = QrTestKeys.unb64(segments[segment]);
            for (int i = 0; i < bytes.length; i++) {
                // Every bit of the signature; one bit per payload byte, moving through the positions.
                int[] bits = segment == 2 ? new int[] {0, 1, 2, 3, 4, 5, 6, 7} : new int[] {i % 8};
                for (int bit : bits) {
                    byte[] flipped = bytes.clone();
                    flipped[i] ^= (byte) (1 << bit);
                    String[] altered = segments.clone();
                    altered[segment] = QrTestKeys.b64(flipped);
                    Outcome outcome = verifier.verify(QrFormat.PREFIX + String.join(".", altered)).outcome();
                    if (outcome != Outcome.TAMPERED) {
                        missed.add("segment " + segment + " byte " + i + " bit " + bit + ": " + outcome);
                    }
                }
            }
        }
        assertThat(missed).isEmpty();
    }

    @Test
    void noChangedHeaderCharacterIsEverValid() {
        String text = sign().text();
        int headerEnd = text.indexOf('.');
        for (int i = QrFormat.PREFIX.length(); i < headerEnd; i++) {
            for (int shift = 1; shift < ALPHABET.length(); shift += 7) {
                char substitute = ALPHABET.charAt((ALPHABET.indexOf(text.charAt(i)) + shift) % ALPHABET.length());
                Verdict verdict = verifier.verify(text.substring(0, i) + substitute + text.substring(i + 1));
                assertThat(verdict.outcome()).as("header position %d -> %s", i, substitute)
                        .isIn(Outcome.TAMPERED, Outcome.MALFORMED, Outcome.UNKNOWN_KEY);
                assertThat(verdict.claims()).isNull();
            }
        }
    }

    @Test
    void codeSignedByAnotherKeyUnderOurKidIsTampered() {
        QrKeyRing.PemKey forger = QrTestKeys.p256(KID);

        Verdict verdict = verifier.verify(QrTestKeys.es256(HEADER, PAYLOAD, QrTestKeys.privateKey(forger)));

        assertThat(verdict.outcome()).isEqualTo(Outcome.TAMPERED);
        assertThat(verdict.kid()).isEqualTo(KID);
        assertThat(verdict.claims()).isNull();
    }

    @Test
    void payloadOfAnotherCodeUnderThisSignatureIsTampered() {
        String[] first = sign().text().substring(QrFormat.PREFIX.length()).split("\\.");
        String[] second = sign().text().substring(QrFormat.PREFIX.length()).split("\\.");

        String spliced = QrFormat.PREFIX + first[0] + "." + second[1] + "." + first[2];

        assertThat(verifier.verify(spliced).outcome()).isEqualTo(Outcome.TAMPERED);
    }

    @Test
    void truncatedOrStrippedSignatureIsTampered() {
        String text = sign().text();
        String withoutSignature = text.substring(0, text.lastIndexOf('.') + 1);

        assertThat(verifier.verify(withoutSignature).outcome()).isEqualTo(Outcome.TAMPERED);
        assertThat(verifier.verify(text.substring(0, text.length() - 1)).outcome()).isEqualTo(Outcome.TAMPERED);
        assertThat(verifier.verify(text.substring(0, text.length() - 4)).outcome()).isEqualTo(Outcome.TAMPERED);
        assertThat(verifier.verify(withoutSignature + QrTestKeys.b64(new byte[64])).outcome())
                .isEqualTo(Outcome.TAMPERED);
    }

    @Test
    void codeIsValidUntilItsExpiryPlusSkewThenExpired() {
        SignedQr qr = sign();
        Instant expiresAt = NOW.plus(TTL);

        clock.set(expiresAt.plus(SKEW).minusSeconds(1));
        assertThat(verifier.verify(qr.text()).outcome()).isEqualTo(Outcome.VALID);

        clock.set(expiresAt.plus(SKEW));
        Verdict verdict = verifier.verify(qr.text());

        assertThat(verdict.outcome()).isEqualTo(Outcome.EXPIRED);
        assertThat(verdict.expiredAt()).isEqualTo(expiresAt);
        assertThat(verdict.claims()).isEqualTo(qr.claims());
        assertThat(verdict.kid()).isEqualTo(KID);

        clock.advance(Duration.ofDays(400));
        assertThat(verifier.verify(qr.text()).outcome()).isEqualTo(Outcome.EXPIRED);
    }

    @Test
    void tamperingIsReportedBeforeExpiry() {
        String text = sign().text();
        clock.advance(Duration.ofHours(1));
        int i = text.indexOf('.') + 5;
        char substitute = text.charAt(i) == 'A' ? 'B' : 'A';

        assertThat(verifier.verify(text.substring(0, i) + substitute + text.substring(i + 1)).outcome())
                .isEqualTo(Outcome.TAMPERED);
    }

    @Test
    void ringWithoutTheKidSaysUnknownKey() {
        SignedQr qr = sign();
        QrCredentialVerifier otherRing = new QrCredentialVerifier(QrKeyRing.generate("k9"), clock, SKEW);

        Verdict verdict = otherRing.verify(qr.text());

        assertThat(verdict.outcome()).isEqualTo(Outcome.UNKNOWN_KEY);
        assertThat(verdict.kid()).isEqualTo(KID);
        assertThat(verdict.claims()).isNull();
    }

    @Test
    void algNoneIsMalformed() {
        String unsigned = QrFormat.PREFIX + QrTestKeys.b64("{\"alg\":\"none\",\"kid\":\"k1\"}") + "."
                + QrTestKeys.b64(PAYLOAD) + ".";
        String unsignedNoKid = QrFormat.PREFIX + QrTestKeys.b64("{\"alg\":\"none\"}") + "." + QrTestKeys.b64(PAYLOAD)
                + ".";
        String[] genuine = sign().text().split("\\.");
        String noneWithGenuineSignature = QrFormat.PREFIX + QrTestKeys.b64("{\"alg\":\"none\",\"kid\":\"k1\"}") + "."
                + genuine[1] + "." + genuine[2];
        String upperCase = QrFormat.PREFIX + QrTestKeys.b64("{\"alg\":\"NONE\",\"kid\":\"k1\"}") + "."
                + QrTestKeys.b64(PAYLOAD) + ".";

        for (String forged : List.of(unsigned, unsignedNoKid, noneWithGenuineSignature, upperCase)) {
            Verdict verdict = verifier.verify(forged);
            assertThat(verdict.outcome()).isEqualTo(Outcome.MALFORMED);
            assertThat(verdict.reason()).contains("none");
            assertThat(verdict.claims()).isNull();
        }
    }

    @Test
    void hmacIsMalformedEvenKeyedWithOurPublicKey() {
        byte[] publicKey = ring.publicKey(KID).map(ECPublicKey::getEncoded).orElseThrow();
        byte[] publicKeyPem = key.publicKeyPem().getBytes(StandardCharsets.US_ASCII);

        for (String alg : List.of("HS256", "HS384", "HS512", "hs256")) {
            for (byte[] secret : List.of(publicKey, publicKeyPem)) {
                String forged = QrTestKeys.hs256("{\"alg\":\"" + alg + "\",\"kid\":\"k1\"}", PAYLOAD, secret);
                Verdict verdict = verifier.verify(forged);
                assertThat(verdict.outcome()).as(alg).isEqualTo(Outcome.MALFORMED);
                assertThat(verdict.reason()).contains("HMAC");
            }
        }
    }

    @Test
    void otherAlgorithmsAreMalformed() {
        for (String header : List.of("{\"alg\":\"ES384\",\"kid\":\"k1\"}", "{\"alg\":\"RS256\",\"kid\":\"k1\"}",
                "{\"alg\":\"EdDSA\",\"kid\":\"k1\"}", "{\"alg\":\"es256\",\"kid\":\"k1\"}", "{\"kid\":\"k1\"}",
                "{\"alg\":256,\"kid\":\"k1\"}", "{\"alg\":\"ES256\"}", "{\"alg\":\"ES256\",\"kid\":7}",
                "{\"alg\":\"ES256\",\"kid\":\"k1\",\"crit\":[\"exp\"],\"exp\":1}",
                "{\"alg\":\"ES256\",\"kid\":\"k1\",\"alg\":\"none\"}",
                "{\"alg\":\"ES256\",\"kid\":\"" + "k".repeat(65) + "\"}", "[\"ES256\"]", "not json")) {
            Verdict verdict = verifier.verify(QrTestKeys.es256(header, PAYLOAD, QrTestKeys.privateKey(key)));
            assertThat(verdict.outcome()).as(header).isEqualTo(Outcome.MALFORMED);
        }
    }

    @Test
    void correctlySignedButUnusablePayloadIsMalformed() {
        List<String> payloads = List.of(
                "not json",
                "[]",
                "{}",
                PAYLOAD.replace("\"cat\":\"B\"", "\"cat\":\"D\""),
                PAYLOAD.replace("\"cat\":\"B\"", "\"cat\":\"b\""),
                PAYLOAD.replace("\"vu\":\"2028-06-30\"", "\"vu\":\"2028-13-01\""),
                PAYLOAD.replace("\"vu\":\"2028-06-30\"", "\"vu\":\"30.06.2028\""),
                PAYLOAD.replace("\"pn\":\"11010020260001234\",", ""),
                PAYLOAD.replace("\"jti\":\"AAAAAAAAAAAAAAAA\"", "\"jti\":\"\""),
                PAYLOAD.replace("\"hn\":\"JOHANNA MUELLER-SMIT\"", "\"hn\":null"),
                PAYLOAD.replace("\"hn\":\"JOHANNA MUELLER-SMIT\"", "\"hn\":42"),
                PAYLOAD.replace("\"iat\":" + NOW.getEpochSecond(), "\"iat\":\"" + NOW.getEpochSecond() + "\""),
                PAYLOAD.replace("\"exp\":" + NOW.plus(TTL).getEpochSecond(), "\"exp\":1.5e9"),
                PAYLOAD.replace("\"exp\":" + NOW.plus(TTL).getEpochSecond(), "\"exp\":99999999999999999999999"),
                PAYLOAD.replace("\"exp\":" + NOW.plus(TTL).getEpochSecond(), "\"exp\":-1"),
                PAYLOAD.replace("\"exp\":" + NOW.plus(TTL).getEpochSecond(), "\"exp\":" + NOW.getEpochSecond()),
                PAYLOAD.replace("}", ",\"hn\":\"SOMEONE ELSE\"}"),
                PAYLOAD + "{}",
                PAYLOAD + " trailing");
        for (String payload : payloads) {
            Verdict verdict = verifier.verify(QrTestKeys.es256(HEADER, payload, QrTestKeys.privateKey(key)));
            assertThat(verdict.outcome()).as(payload).isEqualTo(Outcome.MALFORMED);
            assertThat(verdict.claims()).isNull();
        }
    }

    @Test
    void garbageIsMalformedWithoutThrowing() {
        Random random = new Random(18);
        byte[] noise = new byte[600];
        random.nextBytes(noise);
        String genuine = sign().text();
        List<String> inputs = new ArrayList<>(List.of(
                "",
                " ",
                "ESSC1:",
                "ESSC1:.",
                "ESSC1:..",
                "ESSC1:...",
                "ESSC1:a.b",
                "ESSC1:a.b.c.d",
                "ESSC1:a.b.c",
                "ESSC1:a===.b.c",
                "ESSC1:e30.e30.",
                "ESSC1:\u0000\u0000.\u0000.\u0000",
                "essc1:" + genuine.substring(6),
                "ESSC2:" + genuine.substring(6),
                genuine.substring(6),
                " " + genuine,
                genuine + " ",
                genuine + "\n",
                genuine.replace('.', ','),
                "https://example.org/permit?id=" + genuine,
                new String(noise, StandardCharsets.ISO_8859_1),
                new String(noise, StandardCharsets.UTF_8),
                "ESSC1:" + new String(noise, StandardCharsets.ISO_8859_1),
                "ESSC1:" + "A".repeat(100_000),
                "ESSC1:" + "A".repeat(QrFormat.MAX_TEXT_LENGTH),
                "x".repeat(100 * 1024),
                "ESSC1:" + "e30.".repeat(25_000),
                "ESSC1:" + QrTestKeys.b64("\"" + " ".repeat(3000) + "\"") + ".e30.e30"));
        inputs.add(null);

        for (String input : inputs) {
            Verdict verdict = verifier.verify(input);
            assertThat(verdict.outcome()).as(describe(input)).isEqualTo(Outcome.MALFORMED);
            assertThat(verdict.claims()).isNull();
            assertThat(verdict.reason()).isNotBlank();
        }
    }

    @Test
    void randomTextsNeverThrowAndAreNeverValid() {
        // see sameBytes: only inputs that differ from a genuine code in what they encode must fail
        Random random = new Random(2026);
        EnumSet<Outcome> seen = EnumSet.noneOf(Outcome.class);
        String genuine = sign().text();
        for (int i = 0; i < 5_000; i++) {
            String input;
            switch (i % 4) {
                case 0 -> {
                    byte[] bytes = new byte[random.nextInt(500)];
                    random.nextBytes(bytes);
                    input = new String(bytes, StandardCharsets.UTF_8);
                }
                case 1 -> input = QrFormat.PREFIX + randomFrom(random, ALPHABET + ".", random.nextInt(400));
                case 2 -> input = QrFormat.PREFIX + randomFrom(random, ALPHABET, 40) + "."
                        + randomFrom(random, ALPHABET, 200) + "." + randomFrom(random, ALPHABET, 86);
                default -> {
                    char[] chars = genuine.toCharArray();
                    for (int n = 1 + random.nextInt(4); n > 0; n--) {
                        chars[random.nextInt(chars.length)] = (char) random.nextInt(0x3000);
                    }
                    input = new String(chars);
                }
            }
            Verdict verdict = verifier.verify(input);
            seen.add(verdict.outcome());
            if (sameBytes(input, genuine)) {
                // the "mutation" wrote back the same character, or changed only a base64url character's unused
                // trailing bits: the signed bytes are the genuine ones, so VALID is the right verdict
                continue;
            }
            assertThat(verdict.outcome()).isNotEqualTo(Outcome.VALID);
        }
        assertThat(seen).contains(Outcome.MALFORMED);
    }

    private static String randomFrom(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static String describe(String input) {
        return input == null ? "null" : input.length() > 60 ? input.substring(0, 60) + "... (" + input.length() + ")"
                : input;
    }

    /** Whether {@code input} encodes exactly the bytes of {@code genuine} (same prefix, same decoded segments). */
    private static boolean sameBytes(String input, String genuine) {
        if (input.equals(genuine)) {
            return true;
        }
        if (!input.startsWith(QrFormat.PREFIX)) {
            return false;
        }
        String[] a = input.substring(QrFormat.PREFIX.length()).split("\\.", -1);
        String[] b = genuine.substring(QrFormat.PREFIX.length()).split("\\.", -1);
        if (a.length != b.length) {
            return false;
        }
        try {
            for (int k = 0; k < a.length; k++) {
                if (!java.util.Arrays.equals(java.util.Base64.getUrlDecoder().decode(a[k]), java.util.Base64.getUrlDecoder().decode(b[k]))) {
                    return false;
                }
            }
            return true;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}

package org.esscard.permit.service.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.esscard.events.permit.TalentCategory;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** R18: a signed permit QR code says exactly what was signed, in plain ASCII, and any JOSE library can check it. */
class QrCredentialRoundTripTest {

    private static final String KID = "qr-2026-01";
    /** 17 characters, as the brief's realistic permit. */
    private static final String PERMIT_NUMBER = "11010020260001234";
    /** 20 characters. */
    private static final String HOLDER_NAME = "JOHANNA MUELLER-SMIT";
    private static final String NATIONALITY = "DEU";
    private static final TalentCategory CATEGORY = TalentCategory.A;
    private static final LocalDate VALID_UNTIL = LocalDate.of(2028, 6, 30);
    private static final Instant NOW = Instant.parse("2026-03-15T08:30:00Z");
    private static final Duration TTL = Duration.ofMinutes(10);
    private static final Duration SKEW = Duration.ofSeconds(30);

    /**
     * Bytes a QR symbol holds in byte mode at error correction level M, versions 1 to 40 (ISO/IEC 18004 table 7).
     */
    static final int[] BYTE_CAPACITY_M = {14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450,
            504, 560, 624, 666, 711, 779, 857, 911, 997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809,
            1911, 1989, 2099, 2213, 2331};

    private final QrKeyRing ring = QrKeyRing.generate(KID);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final QrCredentialSigner signer = new QrCredentialSigner(ring, TTL, clock);
    private final QrCredentialVerifier verifier = new QrCredentialVerifier(ring, clock, SKEW);

    @Test
    void signedCodeVerifiesWithWhatWasSigned() {
        SignedQr qr = signer.sign(PERMIT_NUMBER, HOLDER_NAME, NATIONALITY, CATEGORY, VALID_UNTIL);

        assertThat(qr.text()).startsWith("ESSC1:");
        assertThat(qr.kid()).isEqualTo(KID);
        assertThat(qr.claims().issuedAt()).isEqualTo(NOW);
        assertThat(qr.claims().expiresAt()).isEqualTo(NOW.plus(TTL));
        assertThat(qr.claims().id()).hasSize(16);

        Verdict verdict = verifier.verify(qr.text());

        assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.VALID);
        assertThat(verdict.isValid()).isTrue();
        assertThat(verdict.kid()).isEqualTo(KID);
        assertThat(verdict.claims()).isEqualTo(qr.claims());
        assertThat(verdict.claims().permitNumber()).isEqualTo(PERMIT_NUMBER);
        assertThat(verdict.claims().holderName()).isEqualTo(HOLDER_NAME);
        assertThat(verdict.claims().nationality()).isEqualTo(NATIONALITY);
        assertThat(verdict.claims().talentCategory()).isEqualTo(CATEGORY);
        assertThat(verdict.claims().validUntil()).isEqualTo(VALID_UNTIL);
    }

    @Test
    void payloadUsesTheShortClaimNamesInOrder() throws Exception {
        SignedQr qr = signer.sign(PERMIT_NUMBER, HOLDER_NAME, NATIONALITY, CATEGORY, VALID_UNTIL);
        String[] segments = qr.text().substring("ESSC1:".length()).split("\\.");

        assertThat(new String(QrTestKeys.unb64(segments[0]), StandardCharsets.UTF_8))
                .isEqualTo("{\"alg\":\"ES256\",\"kid\":\"" + KID + "\"}");
        JsonNode payload = new ObjectMapper().readTree(QrTestKeys.unb64(segments[1]));
        assertThat(payload.fieldNames()).toIterable()
                .containsExactly("pn", "hn", "nat", "cat", "vu", "iat", "exp", "jti");
        assertThat(payload.get("vu").textValue()).isEqualTo("2028-06-30");
        assertThat(payload.get("cat").textValue()).isEqualTo("A");
        assertThat(payload.get("iat").longValue()).isEqualTo(NOW.getEpochSecond());
        assertThat(payload.get("exp").longValue()).isEqualTo(NOW.plus(TTL).getEpochSecond());
    }

    @Test
    void everyCodeHasItsOwnId() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ids.add(signer.sign(PERMIT_NUMBER, HOLDER_NAME, NATIONALITY, CATEGORY, VALID_UNTIL).claims().id());
        }
        assertThat(ids).hasSize(200);
    }

    @Test
    void holderNameSurvivesExactly() {
        List<String> names = List.of(
                "Zoë O'Brien-Müller",
                "José María DE LA CRUZ Y PÉREZ",
                "ANNA-LENA VON DER LÜHE, JR.",
                "Nguyễn Văn An",
                "王小明",
                "Мария Иванова",
                "محمد علي",
                "O\"Neil \\ back\\slash / slash",
                "Jo\u0301se\u0301 (combining accents, not composed)",
                "Ünïcødé   three  spaces & ampersand <tag> #1 @x",
                "\uD83D\uDE00 Emoji Outside BMP \uD842\uDFB7");
        for (String name : names) {
            SignedQr qr = signer.sign(PERMIT_NUMBER, name, NATIONALITY, CATEGORY, VALID_UNTIL);

            Verdict verdict = verifier.verify(qr.text());

            assertThat(verdict.outcome()).as(name).isEqualTo(Verdict.Outcome.VALID);
            assertThat(verdict.claims().holderName()).as(name).isEqualTo(name);
            assertThat(verdict.claims().holderName().getBytes(StandardCharsets.UTF_8))
                    .isEqualTo(name.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void codeIsPlainAsciiAndFitsAModestQrSymbol() {
        SignedQr qr = signer.sign(PERMIT_NUMBER, HOLDER_NAME, NATIONALITY, CATEGORY, VALID_UNTIL);
        SignedQr cjk = signer.sign(PERMIT_NUMBER, "欧阳娜娜", "CHN", CATEGORY, VALID_UNTIL);

        assertThat(qr.text()).matches("ESSC1:[A-Za-z0-9_.-]+");
        assertThat(qr.text().getBytes(StandardCharsets.US_ASCII)).hasSize(qr.text().length());
        assertThat(qr.text().chars()).allMatch(c -> c >= 0x21 && c <= 0x7e);
        // Reported for docs/QR-CREDENTIAL.md; the bound only catches the format growing by accident.
        System.out.printf("QR text for a realistic permit (17-char number, 20-char name, kid %s): %d characters, "
                + "QR version %d at level M (byte mode)%n", KID, qr.text().length(), versionAtM(qr.text().length()));
        System.out.printf("QR text with a 4-character Chinese name: %d characters, QR version %d at level M%n",
                cjk.text().length(), versionAtM(cjk.text().length()));
        assertThat(versionAtM(qr.text().length())).isLessThanOrEqualTo(15);

        // with the status claim (issue 16): a 7-digit index into a list named by a 53-character uri
        StatusReference status = new StatusReference(1_234_567, "https://esscard.example/api/permits/qr/status-lists/1");
        SignedQr withStatus = signer.sign(PERMIT_NUMBER, HOLDER_NAME, NATIONALITY, CATEGORY, VALID_UNTIL, status);
        SignedQr cjkWithStatus = signer.sign(PERMIT_NUMBER, "欧阳娜娜", "CHN", CATEGORY, VALID_UNTIL, status);
        System.out.printf("QR text with the status claim: %d characters, QR version %d at level M; Chinese name: %d,"
                + " version %d%n", withStatus.text().length(), versionAtM(withStatus.text().length()),
                cjkWithStatus.text().length(), versionAtM(cjkWithStatus.text().length()));
        assertThat(withStatus.claims().status()).isEqualTo(status);
        assertThat(versionAtM(withStatus.text().length())).isLessThanOrEqualTo(17);
    }

    @Test
    void officersOfflineAppVerifiesWithThePublishedJwksAndPlainJose4j() throws Exception {
        SignedQr qr = signer.sign(PERMIT_NUMBER, "Zoë O'Brien-Müller", NATIONALITY, CATEGORY, VALID_UNTIL);
        String published = JsonUtil.toJson(ring.jwks());

        // What an officer's app does, knowing nothing of our classes: parse the JWK Set, pick the key by kid,
        // verify ES256 only.
        JsonWebKeySet jwks = new JsonWebKeySet(published);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmConstraints(new AlgorithmConstraints(ConstraintType.PERMIT,
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256));
        jws.setCompactSerialization(qr.text().substring("ESSC1:".length()));
        JsonWebKey jwk = jwks.findJsonWebKey(jws.getKeyIdHeaderValue(), "EC", "sig", "ES256");
        jws.setKey(jwk.getKey());

        assertThat(jws.verifySignature()).isTrue();
        JsonNode payload = new ObjectMapper().readTree(jws.getPayload());
        assertThat(payload.get("hn").textValue()).isEqualTo("Zoë O'Brien-Müller");
        assertThat(payload.get("pn").textValue()).isEqualTo(PERMIT_NUMBER);
    }

    @Test
    void jwksListsEveryKeyWithPublicMembersOnly() throws Exception {
        QrKeyRing.PemKey current = QrTestKeys.p256("k1");
        QrKeyRing.PemKey next = QrTestKeys.p256("k2");
        QrKeyRing twoKeys = QrKeyRing.of(List.of(current, QrTestKeys.verifyOnly(next)), "k1");

        String json = JsonUtil.toJson(twoKeys.jwks());
        JsonNode keys = new ObjectMapper().readTree(json).get("keys");

        assertThat(keys).hasSize(2);
        for (JsonNode key : keys) {
            assertThat(key.fieldNames()).toIterable().containsExactlyInAnyOrder("kty", "crv", "x", "y", "kid", "use", "alg");
            assertThat(key.get("kty").textValue()).isEqualTo("EC");
            assertThat(key.get("crv").textValue()).isEqualTo("P-256");
            assertThat(key.get("use").textValue()).isEqualTo("sig");
            assertThat(key.get("alg").textValue()).isEqualTo("ES256");
            assertThat(key.get("x").textValue()).hasSize(43);
            assertThat(key.get("y").textValue()).hasSize(43);
        }
        assertThat(keys.findValuesAsText("kid")).containsExactly("k1", "k2");
        assertThat(json).doesNotContain("\"d\"");
    }

    @Test
    void signerRefusesMissingFields() {
        assertThatThrownBy(() -> signer.sign(" ", HOLDER_NAME, NATIONALITY, CATEGORY, VALID_UNTIL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("permitNumber");
        assertThatThrownBy(() -> signer.sign(PERMIT_NUMBER, null, NATIONALITY, CATEGORY, VALID_UNTIL))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("holderName");
        assertThatThrownBy(() -> signer.sign(PERMIT_NUMBER, HOLDER_NAME, NATIONALITY, null, VALID_UNTIL))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("talentCategory");
        assertThatThrownBy(() -> signer.sign(PERMIT_NUMBER, HOLDER_NAME, NATIONALITY, CATEGORY, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("validUntil");
    }

    @Test
    void lifetimeMustBeWholeSeconds() {
        assertThatThrownBy(() -> new QrCredentialSigner(ring, Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QrCredentialSigner(ring, Duration.ofMillis(1500), clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QrCredentialVerifier(ring, clock, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The smallest QR version that holds {@code bytes} in byte mode at level M. */
    static int versionAtM(int bytes) {
        for (int version = 1; version <= BYTE_CAPACITY_M.length; version++) {
            if (bytes <= BYTE_CAPACITY_M[version - 1]) {
                return version;
            }
        }
        return -1;
    }
}

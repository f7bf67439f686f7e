package org.esscard.permit.service.credential;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The server's verifier passes the shared test vectors ({@code docs/qr-test-vectors.json}) that the officers'
 * verifier page and {@code ./esscard verify-qr} pass too: one set of rules in three implementations.
 */
class SharedTestVectorsTest {

    private static final Path FILE = Path.of(System.getProperty("esscard.root", "..")).toAbsolutePath().normalize()
            .resolve("docs/qr-test-vectors.json");
    private static final JsonNode VECTORS = read();

    static List<String> vectors() {
        return StreamSupport.stream(VECTORS.get("vectors").spliterator(), false).map(v -> v.get("name").asText()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void R18_theServersVerifierAgreesWithTheSharedVector(String name) throws Exception {
        JsonNode vector = StreamSupport.stream(VECTORS.get("vectors").spliterator(), false)
                .filter(v -> v.get("name").asText().equals(name)).findFirst().orElseThrow();
        Map<String, ECPublicKey> keys = new LinkedHashMap<>();
        for (var jwk : new JsonWebKeySet(VECTORS.get("jwks").toString()).getJsonWebKeys()) {
            keys.put(jwk.getKeyId(), ((EllipticCurveJsonWebKey) jwk).getECPublicKey());
        }
        Clock at = Clock.fixed(Instant.ofEpochSecond(vector.get("now").asLong()), ZoneOffset.UTC);
        QrCredentialVerifier verifier = new QrCredentialVerifier(QrKeyRing.verifyOnly(keys), at,
                Duration.ofSeconds(VECTORS.get("skewSeconds").asLong()));
        JsonNode lists = VECTORS.get("statusLists");

        Verdict verdict = verifier.verifyOffline(vector.get("qr").isNull() ? null : vector.get("qr").asText(),
                uri -> lists.has(uri) ? lists.get(uri).asText() : null);

        JsonNode expect = vector.get("expect");
        assertThat(verdict.outcome().name()).as(verdict.reason()).isEqualTo(expect.get("outcome").asText());
        assertThat(verdict.warning() == null ? null : verdict.warning().name())
                .isEqualTo(expect.get("warning").isNull() ? null : expect.get("warning").asText());
        if (expect.has("pn")) {
            assertThat(verdict.claims().permitNumber()).isEqualTo(expect.get("pn").asText());
        }
        if (expect.has("hn")) {
            assertThat(verdict.claims().holderName()).isEqualTo(expect.get("hn").asText());
        }
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(FILE.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the shared test vectors " + FILE, e);
        }
    }
}

package org.esscard.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The pseudonym of a permit number (issue 18): stable across versions, keyed, of the form every column takes. */
class PseudonymsTest {

    @Test
    void aPseudonymIsTheKeyedHashOfThePermitNumber_theSameInEveryVersion() {
        // HMAC-SHA256(key, "permit:" + number), hex, its first 19 digits: computed outside Java (Python's hmac)
        assertThat(Pseudonyms.withKey("local-only-pseudonym-key-change-me").of("W3101202400012345")).isEqualTo("~3f20a3696d10defafae");
        assertThat(Pseudonyms.withKey("another-key").of("W3101202400012345")).isEqualTo("~873a869fa3e47690ec0");
    }

    @Test
    void itFitsAPermitNumberColumnAndIsNeverAPermitNumber() {
        String pseudonym = Pseudonyms.withKey("k").of("E00000000000001");
        assertThat(pseudonym).hasSize(20).matches("~[0-9a-f]{19}");
        // permit numbers are capitals and digits (esscard.permit.number-pattern): a pseudonym never is one
        assertThat(pseudonym).doesNotMatch("[A-Z0-9]{8,20}");
    }

    @Test
    void threadsShareNoState() {
        Pseudonyms pseudonyms = Pseudonyms.withKey("k");
        List<String> numbers = IntStream.range(0, 2_000).mapToObj(i -> "W" + i).toList();
        ConcurrentHashMap<String, String> parallel = new ConcurrentHashMap<>();
        numbers.parallelStream().forEach(n -> parallel.put(n, pseudonyms.of(n)));
        numbers.forEach(n -> assertThat(parallel.get(n)).isEqualTo(Pseudonyms.withKey("k").of(n)));
    }
}

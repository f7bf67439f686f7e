package org.esscard.platform.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** R3: the passport name exactly, only the Unicode encoding evened out. */
class PassportNameTest {

    private static final String COMPOSED = "JOS\u00C9 M\u00DCLLER";
    private static final String DECOMPOSED = "JOSE\u0301 MU\u0308LLER";

    @Test
    void R3_decomposedAccentsAreTheSameName() {
        assertThat(PassportName.matches(DECOMPOSED, COMPOSED)).isTrue();
        assertThat(PassportName.matches(COMPOSED, DECOMPOSED)).isTrue();
        assertThat(PassportName.normalized(DECOMPOSED)).isEqualTo(COMPOSED);
    }

    @Test
    void R3_caseSpacesWidthAndSymbolsCount() {
        assertThat(PassportName.matches("Jos\u00E9 M\u00FCller", COMPOSED)).isFalse();
        assertThat(PassportName.matches("JOS\u00C9  M\u00DCLLER", COMPOSED)).isFalse();
        assertThat(PassportName.matches(" JOS\u00C9 M\u00DCLLER", COMPOSED)).isFalse();
        assertThat(PassportName.matches("JOS\u00C9 M\u00DCLLER-", COMPOSED)).isFalse();
        // full-width letters are other characters, not another encoding of the same ones (no NFKC)
        assertThat(PassportName.matches("\uFF2A\uFF2F\uFF33\u00C9 M\u00DCLLER", COMPOSED)).isFalse();
    }

    @Test
    void missingNamesNeverMatch() {
        assertThat(PassportName.matches(null, COMPOSED)).isFalse();
        assertThat(PassportName.matches(COMPOSED, null)).isFalse();
        assertThat(PassportName.matches(null, null)).isFalse();
    }
}

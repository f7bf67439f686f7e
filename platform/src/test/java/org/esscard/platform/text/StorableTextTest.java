package org.esscard.platform.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What PostgreSQL cannot store: NUL and unpaired surrogates; everything else, emoji included, is fine. */
class StorableTextTest {

    @Test
    void nulAndLoneSurrogatesAreFound() {
        assertThat(StorableText.firstUnstorable("W1\u0000")).isEqualTo(2);
        assertThat(StorableText.firstUnstorable("\uD800")).isEqualTo(0);
        assertThat(StorableText.firstUnstorable("ab\uDC00")).isEqualTo(2);
        assertThat(StorableText.firstUnstorable("a\uD83D")).isEqualTo(1);
        assertThat(StorableText.flaw("ab\u0000")).isEqualTo("NUL (U+0000) at index 2");
        assertThat(StorableText.flaw("\uDFFF")).isEqualTo("unpaired surrogate U+DFFF at index 0");
    }

    @Test
    void ordinaryTextIsStorable() {
        assertThat(StorableText.isStorable(null)).isTrue();
        assertThat(StorableText.isStorable("")).isTrue();
        assertThat(StorableText.isStorable("JOSÉ MÜLLER-SMIT 王小明 \uD83D\uDE00 \uFFFD")).isTrue();
        assertThat(StorableText.flaw("MÜLLER")).isNull();
    }

    @Test
    void scrubReplacesOnlyWhatCannotBeStored() {
        assertThat(StorableText.scrub("a\u0000b\uD800c\uD83D\uDE00")).isEqualTo("a\uFFFDb\uFFFDc\uD83D\uDE00");
        assertThat(StorableText.scrub("plain")).isEqualTo("plain");
    }
}

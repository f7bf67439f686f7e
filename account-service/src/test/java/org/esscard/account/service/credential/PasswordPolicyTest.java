package org.esscard.account.service.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.esscard.account.service.credential.PasswordPolicy.Rule;
import org.esscard.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** R2, the policy table: 8–16 characters, at least two of digits, letters and symbols; Unicode letters are letters. */
class PasswordPolicyTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', nullValues = "OK", textBlock = """
            Abcdef1            | TOO_SHORT
            Abcdef12           | OK
            Abcdefghijklmn12   | OK
            Abcdefghijklmno12  | TOO_LONG
            abcdefgh           | ONE_CLASS
            12345678           | ONE_CLASS
            #$%&*!@?           | ONE_CLASS
            abcdefg1           | OK
            abcdefg#           | OK
            1234567#           | OK
            Müller2026         | OK
            Ünïcödéß           | ONE_CLASS
            密码密码密码密码     | ONE_CLASS
            密码密码1234        | OK
            пароль#пароль      | OK
            Пароль2026         | OK
            """)
    void R2_policyTable(String password, String expected) {
        assertThat(PasswordPolicy.check(password)).isEqualTo(expected == null ? Optional.empty() : Optional.of(Rule.valueOf(expected)));
    }

    @Test
    void R2_lengthCountsCharactersAsTheHolderSeesThem() {
        String composed = "Müller#1";
        String decomposed = "Mu\u0308ller#1";
        assertThat(PasswordPolicy.check(composed)).isEmpty();
        assertThat(PasswordPolicy.check(decomposed)).isEmpty();
        assertThat(PasswordPolicy.normalize(decomposed)).isEqualTo(composed);
        // 16 emoji are 16 characters (32 UTF-16 units), a symbol each; plus a letter is 17
        assertThat(PasswordPolicy.check("a" + "😀".repeat(15))).isEmpty();
        assertThat(PasswordPolicy.check("a" + "😀".repeat(16))).contains(Rule.TOO_LONG);
    }

    @Test
    void R2_spaceIsASymbolAndControlCharactersAreRefused() {
        assertThat(PasswordPolicy.check("correct horse")).isEmpty();
        assertThat(PasswordPolicy.check("abcd\tefgh1")).contains(Rule.CONTROL_CHARACTER);
    }

    @Test
    void R2_theRefusalNamesTheRule() {
        assertThatThrownBy(() -> PasswordPolicy.require("Abcdef1"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.code().name()).isEqualTo("PASSWORD_POLICY");
                    assertThat(e.extensions()).containsEntry("rule", "TOO_SHORT").containsEntry("minLength", 8);
                    assertThat(e.args()).containsExactly(0, 7);
                });
    }
}

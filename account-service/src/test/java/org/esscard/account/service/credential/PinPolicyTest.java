package org.esscard.account.service.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.esscard.account.service.credential.PinPolicy.Rule;
import org.esscard.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** R15: 6 digits, not trivial, not readable in the login password. */
class PinPolicyTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(nullValues = "OK", textBlock = """
            '',       NOT_SIX_DIGITS
            12345,    NOT_SIX_DIGITS
            1234567,  NOT_SIX_DIGITS
            12a456,   NOT_SIX_DIGITS
            １２３４５６, NOT_SIX_DIGITS
            000000,   REPEATED_DIGIT
            777777,   REPEATED_DIGIT
            012345,   ASCENDING_RUN
            123456,   ASCENDING_RUN
            456789,   ASCENDING_RUN
            987654,   DESCENDING_RUN
            543210,   DESCENDING_RUN
            567890,   ASCENDING_RUN
            098765,   DESCENDING_RUN
            135790,   OK
            204816,   OK
            112233,   OK
            """)
    void R15_trivialPinsAreRefused(String pin, String expected) {
        assertThat(PinPolicy.check(pin)).isEqualTo(expected == null ? Optional.empty() : Optional.of(Rule.valueOf(expected)));
    }

    @Test
    void R15_thePinMustNotBeReadableInTheLoginPassword() {
        assertThat(PinPolicy.appearsIn("204816", "Smith#204816")).isTrue();
        assertThat(PinPolicy.appearsIn("204816", "2a0b4c8d1e6f")).isTrue();
        assertThat(PinPolicy.appearsIn("204816", "Smith#2048")).isFalse();
        assertThatThrownBy(() -> PinPolicy.require("204816", "Smith#204816"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code().name()).isEqualTo("PIN_SAME_AS_PASSWORD"));
        assertThatThrownBy(() -> PinPolicy.require("123456", "Smith#2048"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.extensions()).containsEntry("rule", "ASCENDING_RUN"));
    }
}

package org.esscard.account.service.credential;

import java.util.Optional;

import org.esscard.account.service.AccountError;
import org.esscard.platform.problem.ProblemException;

/**
 * The service PIN rule (R15): exactly 6 digits, not one digit repeated, not a straight run up or down (123456,
 * 654321, and the runs that wrap past 9 to 0 as on a keypad row, such as 567890), and not found among the digits of
 * the login password: the guide asks for a PIN "different from the login password", and one readable in the
 * password protects nothing more.
 */
public final class PinPolicy {

    /** Which part of the rule a PIN breaks; the ordinal selects the message's sentence. */
    public enum Rule {
        NOT_SIX_DIGITS,
        REPEATED_DIGIT,
        ASCENDING_RUN,
        DESCENDING_RUN
    }

    private PinPolicy() {
    }

    public static Optional<Rule> check(String pin) {
        if (pin == null || !pin.matches("[0-9]{6}")) {
            return Optional.of(Rule.NOT_SIX_DIGITS);
        }
        boolean same = true;
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < pin.length(); i++) {
            int step = Math.floorMod(pin.charAt(i) - pin.charAt(i - 1), 10);
            same &= step == 0;
            up &= step == 1;
            down &= step == 9;
        }
        if (same) {
            return Optional.of(Rule.REPEATED_DIGIT);
        }
        if (up) {
            return Optional.of(Rule.ASCENDING_RUN);
        }
        return down ? Optional.of(Rule.DESCENDING_RUN) : Optional.empty();
    }

    /** Whether the PIN can be read in the password: its six digits appear, in order and together, among the password's digits. */
    public static boolean appearsIn(String pin, String password) {
        StringBuilder digits = new StringBuilder();
        password.codePoints().filter(cp -> cp >= '0' && cp <= '9').forEach(digits::appendCodePoint);
        return digits.indexOf(pin) >= 0;
    }

    /** Throws {@code PIN_POLICY} or {@code PIN_SAME_AS_PASSWORD}; nothing when the PIN may be used. */
    public static void require(String pin, String password) {
        Optional<Rule> broken = check(pin);
        if (broken.isPresent()) {
            throw new ProblemException(AccountError.PIN_POLICY, broken.get().ordinal()).with("rule", broken.get().name());
        }
        if (appearsIn(pin, password)) {
            throw new ProblemException(AccountError.PIN_SAME_AS_PASSWORD);
        }
    }
}

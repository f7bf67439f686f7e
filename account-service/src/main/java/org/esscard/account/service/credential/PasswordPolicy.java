package org.esscard.account.service.credential;

import java.text.Normalizer;
import java.util.Optional;

import org.esscard.account.service.AccountError;
import org.esscard.platform.problem.ProblemException;

/**
 * The login password rule (R2): 8 to 16 characters, at least two of digits, letters and symbols; the same on
 * registration, change and reset.
 *
 * <p>Characters are Unicode code points after NFC normalisation, so "é" typed as one key or as e + accent is the
 * same password and counts once. A letter is any Unicode letter ({@link Character#isLetter}, with combining
 * marks), so "Müller" or "密码" count as letters, as a person reading the rule expects; a digit is any decimal
 * digit; everything else printable (punctuation, space, emoji) is a symbol. Control characters are refused: they
 * cannot be typed reliably and hide in copy-paste.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 16;

    /** Which part of the rule a password breaks; the ordinal selects the message's sentence. */
    public enum Rule {
        TOO_SHORT,
        TOO_LONG,
        ONE_CLASS,
        CONTROL_CHARACTER
    }

    private PasswordPolicy() {
    }

    /** The form passwords are hashed and compared in (NFC). */
    public static String normalize(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFC);
    }

    /** The first part of the rule {@code password} breaks, if any. */
    public static Optional<Rule> check(String password) {
        String p = normalize(password);
        boolean digit = false;
        boolean letter = false;
        boolean symbol = false;
        for (int i = 0; i < p.length(); ) {
            int cp = p.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isISOControl(cp)) {
                return Optional.of(Rule.CONTROL_CHARACTER);
            }
            if (Character.isDigit(cp)) {
                digit = true;
            } else if (Character.isLetter(cp) || isMark(cp)) {
                letter = true;
            } else {
                symbol = true;
            }
        }
        int length = p.codePointCount(0, p.length());
        if (length < MIN_LENGTH) {
            return Optional.of(Rule.TOO_SHORT);
        }
        if (length > MAX_LENGTH) {
            return Optional.of(Rule.TOO_LONG);
        }
        int classes = (digit ? 1 : 0) + (letter ? 1 : 0) + (symbol ? 1 : 0);
        return classes < 2 ? Optional.of(Rule.ONE_CLASS) : Optional.empty();
    }

    /** Throws {@code PASSWORD_POLICY} naming the broken rule; returns the normalised password otherwise. */
    public static String require(String password) {
        Optional<Rule> broken = check(password);
        if (broken.isPresent()) {
            String p = normalize(password);
            throw new ProblemException(AccountError.PASSWORD_POLICY, broken.get().ordinal(), p.codePointCount(0, p.length()))
                    .with("rule", broken.get().name())
                    .with("minLength", MIN_LENGTH)
                    .with("maxLength", MAX_LENGTH);
        }
        return normalize(password);
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }
}

package org.esscard.identity.service.verification;

import java.util.List;
import java.util.Optional;

import org.esscard.platform.masking.Mask;

/**
 * The format of a UnionPay card number issued in China (R7), checked before any vendor is asked: 16 to 19
 * digits, a valid Luhn check digit, a UnionPay prefix. The number itself is never stored or logged.
 */
public final class UnionPayCard {

    /** Why a number is not a UnionPay card number; sent as the problem's {@code reason}. */
    public enum Flaw {
        /** Not 16 to 19 digits. */
        FORMAT,
        /** The Luhn check digit is wrong: most likely a typing mistake. */
        CHECKSUM,
        /** Not a UnionPay number. */
        NOT_UNIONPAY
    }

    private UnionPayCard() {
    }

    /** The digits of {@code input} with spaces and hyphens removed. */
    public static String digits(String input) {
        return input == null ? "" : input.replaceAll("[\\s-]", "");
    }

    /** What is wrong with {@code digits}, or empty when it is a UnionPay card number. */
    public static Optional<Flaw> flaw(String digits, List<String> prefixes) {
        if (!digits.matches("\\d{16,19}")) {
            return Optional.of(Flaw.FORMAT);
        }
        if (!Mask.luhnValid(digits)) {
            return Optional.of(Flaw.CHECKSUM);
        }
        if (prefixes.stream().noneMatch(digits::startsWith)) {
            return Optional.of(Flaw.NOT_UNIONPAY);
        }
        return Optional.empty();
    }

    public static String lastFour(String digits) {
        return digits.length() <= 4 ? digits : digits.substring(digits.length() - 4);
    }
}

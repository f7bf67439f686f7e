package org.esscard.identity.service.verification;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A mobile number of a SIM card obtained in China (R7, R8): 11 digits starting with 1[3-9], +86 optional. */
public final class ChinaMobile {

    private static final Pattern FORMAT = Pattern.compile("(?:\\+?86)?(1[3-9]\\d{9})");

    private ChinaMobile() {
    }

    /** The number as {@code +86} and its 11 digits, or empty when it is not a China mobile number. */
    public static Optional<String> normalize(String input) {
        if (input == null) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(input.replaceAll("[\\s-]", ""));
        return matcher.matches() ? Optional.of("+86" + matcher.group(1)) : Optional.empty();
    }
}

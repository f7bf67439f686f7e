package org.esscard.platform.text;

import java.text.Normalizer;

/**
 * The one passport-name comparison of R3, for every service that checks a name against a permit: exact, with
 * symbols, spaces and case counting. Only the Unicode encoding is evened out (NFC), so "é" typed as one key or as
 * e + combining accent is the same name; nothing is trimmed or folded (no case, width or space folding).
 */
public final class PassportName {

    private PassportName() {
    }

    /** Whether {@code entered} is the name {@code onRecord} under R3; false if either is missing. */
    public static boolean matches(String entered, String onRecord) {
        return entered != null && onRecord != null && normalized(entered).equals(normalized(onRecord));
    }

    /** The form names are compared in (NFC); stored names keep what the holder or the authority typed. */
    public static String normalized(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC);
    }
}

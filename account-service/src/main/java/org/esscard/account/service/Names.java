package org.esscard.account.service;

import java.text.Normalizer;

/**
 * The passport-name comparison of R3: exact, symbols, spaces and case included. Only the Unicode encoding is
 * evened out (NFC), so "é" typed as one key or as e + accent is the same name; nothing is trimmed or folded.
 */
public final class Names {

    private Names() {
    }

    public static boolean matches(String entered, String onPermit) {
        return entered != null && onPermit != null
                && Normalizer.normalize(entered, Normalizer.Form.NFC).equals(Normalizer.normalize(onPermit, Normalizer.Form.NFC));
    }
}

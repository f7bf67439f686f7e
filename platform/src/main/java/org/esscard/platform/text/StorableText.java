package org.esscard.platform.text;

/**
 * Text PostgreSQL can store in a {@code text} column: no NUL (U+0000, which it refuses with SQLSTATE 22021) and no
 * unpaired UTF-16 surrogate (which has no UTF-8 form, so the driver would silently write {@code ?} instead).
 * Requests are checked against it at the edge, so such text is a 400 naming the field, never a 500 from the database.
 */
public final class StorableText {

    private StorableText() {
    }

    /** The index of the first character that cannot be stored, or -1 if {@code text} is null or storable. */
    public static int firstUnstorable(CharSequence text) {
        if (text == null) {
            return -1;
        }
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    public static boolean isStorable(CharSequence text) {
        return firstUnstorable(text) < 0;
    }

    /**
     * Why {@code text} cannot be stored, for a field error: the code point and its index, never the text itself
     * (it is the caller's input and may be anything).
     */
    public static String flaw(CharSequence text) {
        int at = firstUnstorable(text);
        if (at < 0) {
            return null;
        }
        char c = text.charAt(at);
        String what = c == '\u0000' ? "NUL (U+0000)" : String.format("unpaired surrogate U+%04X", (int) c);
        return what + " at index " + at;
    }

    /** {@code text} with every character that cannot be stored replaced by U+FFFD, for text we write ourselves. */
    public static String scrub(String text) {
        if (isStorable(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '\u0000' || Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

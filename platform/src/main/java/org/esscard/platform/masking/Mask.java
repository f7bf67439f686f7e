package org.esscard.platform.masking;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal identifiers before they reach a log line or a response: passport numbers, bank card
 * numbers and phone numbers. What stays visible is enough for a person to recognise their own.
 */
public final class Mask {

    /** 13–19 digits standing alone: a possible card number, masked when it passes the Luhn check. */
    private static final Pattern CARD = Pattern.compile("(?<![\\d*])\\d{13,19}(?![\\d*])");
    /** A China mobile number, with or without +86 / 86. */
    private static final Pattern CHINA_MOBILE = Pattern.compile("(?<![\\d*])(\\+?86)?(1[3-9]\\d)(\\d{4})(\\d{4})(?![\\d*])");

    private Mask() {
    }

    /** {@code E12345678} → {@code E1*****78}: first two and last two characters. */
    public static String passport(String passport) {
        if (passport == null) {
            return null;
        }
        int n = passport.length();
        if (n <= 4) {
            return "*".repeat(n);
        }
        return passport.substring(0, 2) + "*".repeat(n - 4) + passport.substring(n - 2);
    }

    /** {@code 6222021234567890123} → {@code ***************0123}: the last four digits only. */
    public static String card(String card) {
        if (card == null) {
            return null;
        }
        String digits = card.replaceAll("\\s", "");
        int n = digits.length();
        return n <= 4 ? "*".repeat(n) : "*".repeat(n - 4) + digits.substring(n - 4);
    }

    /** {@code +8613800138000} → {@code +86138****8000}: prefix, first three and last four digits. */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String p = phone.strip();
        int n = p.length();
        if (n <= 7) {
            return "*".repeat(n);
        }
        return p.substring(0, n - 8) + "****" + p.substring(n - 4);
    }

    /**
     * A client address as the holder sees it in their sessions and login history: the network, not the host.
     * {@code 203.0.113.25} → {@code 203.0.113.*}; IPv6 keeps its first four groups ({@code 2001:db8:85a3:8d3::*}),
     * the prefix a provider assigns; anything else (a name, garbage) is kept to its first 16 characters and masked.
     */
    public static String address(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        String a = address.strip();
        if (a.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return a.substring(0, a.lastIndexOf('.')) + ".*";
        }
        if (a.contains(":") && a.matches("[0-9A-Fa-f:.]+")) {
            String[] groups = a.split(":", -1);
            StringBuilder kept = new StringBuilder();
            for (int i = 0; i < Math.min(4, groups.length) && !groups[i].isEmpty(); i++) {
                kept.append(groups[i]).append(':');
            }
            return kept + ":*";
        }
        return "*".repeat(Math.min(a.length(), 16));
    }

    /** Masks every card number (Luhn-valid) and China mobile number found in free text. */
    public static String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String cardsMasked = replace(CARD.matcher(text), m -> luhnValid(m.group()) ? card(m.group()) : m.group());
        return replace(CHINA_MOBILE.matcher(cardsMasked),
                m -> (m.group(1) == null ? "" : m.group(1)) + m.group(2) + "****" + m.group(4));
    }

    /** Whether {@code digits} passes the Luhn checksum that bank card numbers carry. */
    public static boolean luhnValid(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return !digits.isEmpty() && sum % 10 == 0;
    }

    private static String replace(Matcher matcher, java.util.function.Function<Matcher, String> replacement) {
        StringBuilder sb = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(sb, Matcher.quoteReplacement(replacement.apply(matcher)));
        }
        matcher.appendTail(sb);
        return sb.toString();
    }
}

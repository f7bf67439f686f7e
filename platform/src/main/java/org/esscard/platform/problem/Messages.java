package org.esscard.platform.problem;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Finds the message of an error code in the language the caller asked for: Chinese or English. */
public final class Messages {

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {
    }

    /** zh-CN for any Chinese preference that comes before English in {@code Accept-Language}, else English. */
    public static Locale locale(List<Locale> acceptable) {
        for (Locale locale : acceptable) {
            if ("zh".equals(locale.getLanguage())) {
                return Locale.SIMPLIFIED_CHINESE;
            }
            if ("en".equals(locale.getLanguage())) {
                return Locale.ENGLISH;
            }
        }
        return Locale.ENGLISH;
    }

    /** {@link #locale(List)} of an {@code Accept-Language} header as a client sent it (null, blank or malformed: English). */
    public static Locale locale(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Locale.ENGLISH;
        }
        try {
            return locale(Locale.LanguageRange.parse(acceptLanguage).stream()
                    .map(range -> Locale.forLanguageTag(range.getRange()))
                    .toList());
        } catch (IllegalArgumentException e) {
            return Locale.ENGLISH;
        }
    }

    public static String message(ErrorCode code, Locale locale, Object... args) {
        try {
            ResourceBundle bundle = ResourceBundle.getBundle(code.bundle(), locale, Messages.class.getClassLoader(), NO_FALLBACK);
            String pattern = bundle.getString(code.name());
            return args == null || args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
        } catch (MissingResourceException e) {
            return code.name();
        }
    }
}

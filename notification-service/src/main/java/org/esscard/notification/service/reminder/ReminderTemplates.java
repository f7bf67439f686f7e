package org.esscard.notification.service.reminder;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/** Renders an inbox entry's title and body in Chinese or English from {@code templates*.properties}. */
public final class ReminderTemplates {

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private ReminderTemplates() {
    }

    public static String title(ReminderKind kind, Map<String, String> params, Locale locale) {
        return render(kind, "title", params, locale);
    }

    public static String body(ReminderKind kind, Map<String, String> params, Locale locale) {
        return render(kind, "body", params, locale);
    }

    private static String render(ReminderKind kind, String part, Map<String, String> params, Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle("org.esscard.notification.templates", locale,
                ReminderTemplates.class.getClassLoader(), NO_FALLBACK);
        Object[] args = kind.parameters().stream().map(name -> params.getOrDefault(name, "")).toArray();
        return new MessageFormat(bundle.getString(kind.name() + "." + part), locale).format(args);
    }
}

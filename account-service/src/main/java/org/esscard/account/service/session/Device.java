package org.esscard.account.service.session;

import org.esscard.platform.text.StorableText;

/**
 * The device a login came from, as the holder will recognise it in their sessions: the install id the app sends at
 * login (the same device logs in with the same id) and a label from its User-Agent.
 *
 * @param id    the app's install id, or {@code null} when it sent none
 * @param label at most {@value #MAX_LABEL} characters of the User-Agent, without control characters
 */
public record Device(String id, String label) {

    public static final int MAX_LABEL = 100;
    static final String UNKNOWN = "unknown device";

    /** From what the login request carried; either may be missing. */
    public static Device of(String installId, String userAgent) {
        String label = userAgent == null ? "" : StorableText.scrub(userAgent).replaceAll("\\p{Cntrl}", " ").strip();
        if (label.length() > MAX_LABEL) {
            label = label.substring(0, MAX_LABEL);
        }
        return new Device(installId == null || installId.isBlank() ? null : installId, label.isEmpty() ? UNKNOWN : label);
    }
}

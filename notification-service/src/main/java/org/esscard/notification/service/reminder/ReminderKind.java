package org.esscard.notification.service.reminder;

import java.util.List;

/** What an inbox entry tells the holder, with the names of the values its template needs, in order. */
public enum ReminderKind {
    /** In the inbox only: at issue time the holder has not registered yet. */
    PERMIT_ISSUED(List.of("permitNumber", "talentCategory", "validUntil"), false),
    /** R19: the permit expires soon. */
    PERMIT_EXPIRING(List.of("permitNumber", "daysLeft", "validUntil"), true),
    /** R19: the permit has expired; permit services are closed (R20). */
    PERMIT_EXPIRED(List.of("permitNumber", "validUntil"), true),
    /** R19: the permit was cancelled; permit services are closed (R20). */
    PERMIT_CANCELLED(List.of("permitNumber", "reason"), true),
    /** Security notice: the login password was changed or reset. */
    PASSWORD_CHANGED(List.of("changedAt"), true),
    /** Security notice: face recognition closed after repeated failures (R6). */
    FACE_LOCKED(List.of("consecutiveFailures"), true),
    /** Security notice: a login from a device the account was not used on before ("was this you?", issue 18). */
    NEW_DEVICE_LOGIN(List.of("device", "clientAddress", "loggedInAt", "sessionId"), true);

    private final List<String> parameters;
    private final boolean pushed;

    ReminderKind(List<String> parameters, boolean pushed) {
        this.parameters = parameters;
        this.pushed = pushed;
    }

    /** Whether the entry also goes out by push and SMS, besides the inbox. */
    public boolean pushed() {
        return pushed;
    }

    public List<String> parameters() {
        return parameters;
    }
}

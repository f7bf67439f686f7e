package org.esscard.notification.service;

import java.util.List;

/** What an inbox entry tells the holder, with the names of the values its template needs, in order. */
public enum ReminderKind {
    PERMIT_ISSUED(List.of("permitNumber", "talentCategory", "validUntil"));

    private final List<String> parameters;

    ReminderKind(List<String> parameters) {
        this.parameters = parameters;
    }

    public List<String> parameters() {
        return parameters;
    }
}

package org.esscard.simulator.service;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An identity vendor the simulator plays: face recognition, the bank's four-element check, the carrier's
 * three-element check. Each is scripted per identity: a subject, a card number, a mobile number.
 */
public enum Vendor {
    FACE,
    BANK,
    CARRIER;

    /** The name used in paths and JSON: {@code face}, {@code bank} or {@code carrier}. */
    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The identity a script of this vendor is registered under, in one canonical form: a card number without
     * spaces, a mobile number as its 11 national digits (with or without +86), a subject as given.
     */
    public String canonical(String identity) {
        if (identity == null) {
            return "";
        }
        return switch (this) {
            case FACE -> identity.strip();
            case BANK -> identity.replaceAll("[\\s-]", "");
            case CARRIER -> {
                String digits = identity.replaceAll("\\D", "");
                yield digits.length() == 13 && digits.startsWith("86") ? digits.substring(2) : digits;
            }
        };
    }

    /** The identity as the simulator shows it in its own logs and check records: no full card number. */
    public String masked(String identity) {
        String canonical = canonical(identity);
        if (this == FACE || canonical.length() <= 4) {
            return canonical;
        }
        return "*".repeat(canonical.length() - 4) + canonical.substring(canonical.length() - 4);
    }
}

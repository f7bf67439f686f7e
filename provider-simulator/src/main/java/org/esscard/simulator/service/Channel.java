package org.esscard.simulator.service;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A messaging vendor the simulator plays: the SMS gateway or the push service.
 */
public enum Channel {
    SMS,
    PUSH;

    /** The name used in paths, query parameters and JSON: {@code sms} or {@code push}. */
    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The channel named {@code key} ({@code sms} or {@code push}, any case), if there is one. */
    public static Optional<Channel> fromKey(String key) {
        for (Channel channel : values()) {
            if (channel.key().equalsIgnoreCase(key)) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }
}

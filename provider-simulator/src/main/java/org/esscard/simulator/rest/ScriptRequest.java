package org.esscard.simulator.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Tells a channel to fail its next sends.
 *
 * @param failNext how many sends fail; 0 removes the channel's script
 * @param status   the HTTP status they answer, 503 if not given
 */
public record ScriptRequest(
        @NotNull @Min(0) @Max(10_000) Integer failNext,
        @Min(400) @Max(599) Integer status) {

    static final int DEFAULT_STATUS = 503;

    int statusOrDefault() {
        return status == null ? DEFAULT_STATUS : status;
    }
}

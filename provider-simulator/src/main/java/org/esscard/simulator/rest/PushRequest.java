package org.esscard.simulator.rest;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A push notification as a caller hands it to the push service.
 *
 * @param to   the device or account id
 * @param data extra key/values for the app, optional
 */
public record PushRequest(
        @NotBlank @Size(max = 200) String to,
        @Size(max = 200) String title,
        @NotBlank @Size(max = 4000) String body,
        Map<String, Object> data) {
}

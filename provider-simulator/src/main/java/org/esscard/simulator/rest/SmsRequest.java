package org.esscard.simulator.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * An SMS as a caller hands it to the gateway.
 *
 * @param to     the mobile number, e.g. {@code +8613800138000}
 * @param sender the calling service, for the record
 */
public record SmsRequest(
        @NotBlank @Size(max = 32) String to,
        @NotBlank @Size(max = 1000) String text,
        @Size(max = 100) String sender) {
}

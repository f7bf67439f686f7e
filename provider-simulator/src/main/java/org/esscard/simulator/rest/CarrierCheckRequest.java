package org.esscard.simulator.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The carrier's three-element check: is this mobile number registered to this person?
 *
 * @param idType {@code PASSPORT} for foreigners
 * @param mobile scripts are registered under it
 */
public record CarrierCheckRequest(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 20) String idType,
        @NotBlank @Size(max = 40) String idNumber,
        @NotBlank @Size(max = 20) String mobile) {
}

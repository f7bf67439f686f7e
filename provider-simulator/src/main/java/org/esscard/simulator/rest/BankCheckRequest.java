package org.esscard.simulator.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The bank's four-element check: does this card belong to this person, with this bank-reserved mobile number?
 *
 * @param idType     {@code PASSPORT} for foreigners
 * @param cardNumber scripts are registered under it
 */
public record BankCheckRequest(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 20) String idType,
        @NotBlank @Size(max = 40) String idNumber,
        @NotBlank @Size(max = 30) String cardNumber,
        @NotBlank @Size(max = 20) String mobile) {
}

package org.esscard.identity.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The bodies of the session API. */
public final class SessionRequests {

    private SessionRequests() {
    }

    /** @param livenessTicket what the face vendor's app SDK returned for the liveness capture */
    public record Face(@NotBlank @Size(max = 4000) String livenessTicket) {
    }

    /**
     * Starts bank-card verification (R7).
     *
     * @param name       optional; when given, must be the session's name exactly
     * @param cardNumber a UnionPay card issued in China; its format is checked here, not by bean validation, so a
     *                   mistake answers {@code BANK_CARD_INVALID}
     * @param mobile     the mobile number registered with the bank for this card
     */
    public record BankCard(
            @Size(max = 200) String name,
            @NotBlank @Size(max = 40) String passportNumber,
            @NotBlank @Size(max = 40) String cardNumber,
            @NotBlank @Size(max = 30) String mobile) {
    }

    /**
     * Starts mobile verification (R8).
     *
     * @param name   optional; when given, must be the session's name exactly
     * @param mobile a China mobile number, with or without +86
     */
    public record Mobile(
            @Size(max = 200) String name,
            @NotBlank @Size(max = 30) String mobile) {
    }

    /** @param code the 6 digits received by SMS */
    public record SmsCode(@NotNull @Pattern(regexp = "\\d{6}", message = "must be the 6 digits of the SMS") String code) {
    }
}

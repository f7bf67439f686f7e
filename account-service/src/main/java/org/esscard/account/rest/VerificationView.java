package org.esscard.account.rest;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.esscard.account.service.registration.RegistrationService;
import org.esscard.events.identity.api.SessionView;

/**
 * An identity verification the holder continues in identity-service ({@code /api/identity/sessions/{sessionId}}):
 * why, the methods open when it was opened, until when, and whether it succeeded.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationView(String purpose, String sessionId, List<String> methods, Instant expiresAt, Boolean verified) {

    static VerificationView of(RegistrationService.Verification v) {
        return new VerificationView(v.purpose().name(), v.sessionId(), v.methods(), v.expiresAt(), v.verified());
    }

    static VerificationView of(String purpose, SessionView session) {
        return new VerificationView(purpose, session.sessionId(), RegistrationService.Verification.names(session.openMethods()),
                session.expiresAt().toInstant(), null);
    }
}

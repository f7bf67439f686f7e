package org.esscard.account.client;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A verification session as identity-service describes it: the app continues it there with the session id. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VerificationSession(
        @JsonAlias({ "id", "sessionId" }) String sessionId,
        String purpose,
        String status,
        @JsonAlias({ "methods", "openMethods", "methodsOpen" }) List<String> methods,
        Instant expiresAt) {
}

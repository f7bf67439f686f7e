package org.esscard.account.rest;

import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.esscard.platform.problem.PlatformError;
import org.esscard.platform.problem.ProblemException;

/** The account a holder token speaks for: its {@code sub}. */
final class HolderPrincipal {

    private HolderPrincipal() {
    }

    static UUID accountId(JsonWebToken jwt) {
        try {
            return UUID.fromString(jwt.getSubject());
        } catch (RuntimeException e) {
            throw new ProblemException(PlatformError.FORBIDDEN);
        }
    }
}

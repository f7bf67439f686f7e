package org.esscard.account.rest;

import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.esscard.platform.problem.ErrorCode;
import org.esscard.platform.problem.PlatformError;
import org.esscard.platform.problem.ProblemException;
import org.esscard.platform.revocation.RevocationCheck;

/** The account a holder token speaks for: its {@code sub}. */
final class HolderPrincipal {

    private HolderPrincipal() {
    }

    /** The login the token belongs to ({@code sid}), or {@code null} for a token issued before sessions had ids. */
    static String sessionId(JsonWebToken jwt) {
        Object sid = jwt.getClaim(RevocationCheck.SESSION_ID);
        return sid instanceof String id ? id : null;
    }

    static UUID accountId(JsonWebToken jwt) {
        try {
            return UUID.fromString(jwt.getSubject());
        } catch (RuntimeException e) {
            throw new ProblemException(PlatformError.FORBIDDEN);
        }
    }

    /** An id in a path of the holder's own things; anything that is not one answers as an unknown one would. */
    static UUID ownId(String id, ErrorCode notFound) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(notFound);
        }
    }
}

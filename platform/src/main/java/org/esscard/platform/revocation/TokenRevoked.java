package org.esscard.platform.revocation;

import java.util.Map;

import io.quarkus.security.AuthenticationFailedException;

/**
 * The failure of a genuine token whose session has ended (logout, password change or reset, PIN lock, staff removed):
 * an {@link AuthenticationFailedException} (final, so marked by an attribute) that the problem+json mappers answer
 * with 401 {@code TOKEN_REVOKED} instead of {@code UNAUTHORIZED}.
 */
public final class TokenRevoked {

    static final String ATTRIBUTE = "esscard.token-revoked";

    private TokenRevoked() {
    }

    public static AuthenticationFailedException exception() {
        return new AuthenticationFailedException("token revoked", Map.of(ATTRIBUTE, Boolean.TRUE));
    }

    /** Whether {@code e} (or what it wraps) is a revoked token's failure. */
    public static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthenticationFailedException failed && Boolean.TRUE.equals(failed.getAttribute(ATTRIBUTE))) {
                return true;
            }
        }
        return false;
    }
}

package org.esscard.platform.revocation;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Refuses a token of an ended session at every service: runs after smallrye-jwt has verified the signature, on every
 * request that authenticates (with proactive authentication off, each one that asks who the caller is). Two map
 * lookups in {@link Revocations}, no I/O. The failure reaches the problem+json mappers as 401 {@code TOKEN_REVOKED}.
 */
@ApplicationScoped
public class RevocationCheck implements SecurityIdentityAugmentor {

    public static final String SESSION_ID = "sid";

    private final Revocations revocations;

    public RevocationCheck(Revocations revocations) {
        this.revocations = revocations;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken token) {
            Object sid = token.getClaim(SESSION_ID);
            if (revocations.revoked(token.getSubject(), sid instanceof String s ? s : null, token.getIssuedAtTime())) {
                return Uni.createFrom().failure(TokenRevoked.exception());
            }
        }
        return Uni.createFrom().item(identity);
    }
}

package org.esscard.account.config;

import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.esscard.account.service.token.SigningKeys;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.config.JWTAuthContextInfoProvider;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

/**
 * account-service verifies tokens with its whole JWK Set, as every other service does through
 * {@code /.well-known/jwks.json}, not with the current public key alone: during a rotation a token signed by the
 * previous key (still published) is accepted here too. The rest of the verification settings ({@code mp.jwt.verify.*})
 * stay as configured.
 */
@ApplicationScoped
public class VerificationKeys {

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo contextInfo(JWTAuthContextInfoProvider configured, SigningKeys keys, ObjectMapper mapper) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(configured.getContextInfo());
        info.setPublicKeyLocation(null);
        info.setPublicVerificationKey(null);
        try {
            info.setPublicKeyContent(mapper.writeValueAsString(keys.jwks()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return info;
    }
}

package org.esscard.account.service.verification;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Supplier;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.esscard.account.client.IdentityRelay;
import org.esscard.account.repository.AccountStatus;
import org.esscard.account.repository.HolderAccount;
import org.esscard.account.service.AccountError;
import org.esscard.platform.problem.PlatformError;
import org.esscard.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/**
 * Carries the app's verification steps to identity-service for the sessions a holder cannot reach with a token
 * of their own: those account-service opened for an unfinished registration (REGISTRATION, REAL_NAME) not past its
 * time, for a forgot-password reset, and for a permit binding not yet verified (PERMIT_BINDING: the account has no
 * permit claim yet, which identity-service would need to let the holder's own token in). The session id (122 random
 * bits, handed only to whoever filled in the form) is the key; any other session is unknown here. A logged-in holder
 * with a permit calls identity-service directly with their token.
 */
@ApplicationScoped
public class VerificationRelay {

    /** The steps identity-service offers, by their path. */
    public enum Step {
        FACE("face"),
        BANK_CARD("bank-card"),
        MOBILE("mobile"),
        SMS_CODE("sms-code");

        private final String path;

        Step(String path) {
            this.path = path;
        }
    }

    private final IdentityRelay identity;
    private final Clock clock;

    public VerificationRelay(@RestClient IdentityRelay identity, Clock clock) {
        this.identity = identity;
        this.clock = clock;
    }

    public Uni<Response> read(String sessionId, String language) {
        return relayed(sessionId, () -> identity.read(sessionId, language));
    }

    public Uni<Response> step(String sessionId, Step step, String body, String language) {
        return relayed(sessionId, () -> identity.step(sessionId, step.path, body, language));
    }

    public Uni<Response> resend(String sessionId, String language) {
        return relayed(sessionId, () -> identity.resend(sessionId, language));
    }

    private Uni<Response> relayed(String sessionId, Supplier<Uni<Response>> call) {
        return Panache.withSession(() -> HolderAccount.<HolderAccount>find(
                "(registrationSessionId = ?1 or realNameSessionId = ?1) and status = ?2 and (pendingUntil is null or pendingUntil > ?4)"
                        + " or resetSessionId = ?1 and status = ?3"
                        + " or bindingSessionId = ?1 and status = ?3 and bindingVerifiedAt is null",
                sessionId, AccountStatus.PENDING_IDENTITY, AccountStatus.ACTIVE, OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)))
                .firstResult())
                .chain(account -> {
                    if (account == null) {
                        return Uni.createFrom().failure(new ProblemException(PlatformError.NOT_FOUND));
                    }
                    return call.get()
                            .onFailure(f -> !(f instanceof ProblemException)).transform(failure -> {
                                Log.warnf("relaying to identity-service session %s failed: %s", sessionId, failure.toString());
                                return new ProblemException(AccountError.IDENTITY_UNAVAILABLE).with("retryAfterSeconds", 30);
                            })
                            .map(VerificationRelay::copy);
                });
    }

    /** identity-service's answer as ours: status, content type, language, retry hint and body. */
    private static Response copy(Response answer) {
        String body = answer.hasEntity() ? answer.readEntity(String.class) : null;
        Response.ResponseBuilder copy = Response.status(answer.getStatus());
        if (answer.getMediaType() != null) {
            copy.type(answer.getMediaType());
        }
        for (String header : new String[] { "Content-Language", "Retry-After" }) {
            String value = answer.getHeaderString(header);
            if (value != null) {
                copy.header(header, value);
            }
        }
        return copy.entity(body).build();
    }
}

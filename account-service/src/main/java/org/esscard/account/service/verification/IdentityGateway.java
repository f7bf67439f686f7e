package org.esscard.account.service.verification;

import java.util.UUID;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.esscard.account.client.IdentityClient;
import org.esscard.account.client.IdentityRefusal;
import org.esscard.account.service.AccountError;
import org.esscard.events.identity.VerificationPurpose;
import org.esscard.events.identity.api.OpenSession;
import org.esscard.events.identity.api.SessionView;
import org.esscard.platform.problem.ProblemException;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Opens verification sessions in identity-service and turns what can go wrong there into this service's answers:
 * a name that identity-service finds different is a {@code NAME_MISMATCH}; anything else (down, slow, breaker
 * open, refusing our token, not yet aware of a permit) is {@code IDENTITY_UNAVAILABLE}, to retry shortly.
 */
@ApplicationScoped
public class IdentityGateway {

    private final IdentityClient identity;

    public IdentityGateway(@RestClient IdentityClient identity) {
        this.identity = identity;
    }

    public Uni<SessionView> open(VerificationPurpose purpose, String permitNumber, String name, UUID accountId) {
        return identity.open(new OpenSession(purpose, permitNumber, name, accountId == null ? null : accountId.toString()))
                .onItem().transform(session -> {
                    if (session == null || session.sessionId() == null) {
                        throw new ProblemException(AccountError.IDENTITY_UNAVAILABLE).with("retryAfterSeconds", 30);
                    }
                    return session;
                })
                .onFailure(f -> !(f instanceof ProblemException)).transform(failure -> translate(failure, purpose, permitNumber));
    }

    private static RuntimeException translate(Throwable failure, VerificationPurpose purpose, String permitNumber) {
        if (failure instanceof IdentityRefusal refusal) {
            if ("NAME_MISMATCH".equals(refusal.code())) {
                return new ProblemException(AccountError.NAME_MISMATCH, permitNumber);
            }
            if ("PERMIT_EXPIRED".equals(refusal.code()) || "PERMIT_CANCELLED".equals(refusal.code())
                    || "PERMIT_NOT_VALID".equals(refusal.code())) {
                // identity-service learned of the change first: our projection catches up from the same events
                Log.infof("identity-service refused a %s session for permit %s: %s", purpose, permitNumber, refusal.code());
                return new ProblemException(AccountError.IDENTITY_UNAVAILABLE).with("retryAfterSeconds", 5);
            }
            if ("SUBJECT_UNKNOWN".equals(refusal.code())) {
                // both services learn permits from permit-events; identity-service has not read this one yet
                Log.warnf("identity-service does not know permit %s yet (%s session)", permitNumber, purpose);
                return new ProblemException(AccountError.IDENTITY_UNAVAILABLE).with("retryAfterSeconds", 5);
            }
            Log.errorf("identity-service refused a %s session: %s", purpose, refusal.getMessage());
            return new ProblemException(AccountError.IDENTITY_UNAVAILABLE).with("retryAfterSeconds", 30);
        }
        if (failure instanceof CircuitBreakerOpenException) {
            Log.warnf("identity-service circuit open: %s session not opened", purpose);
        } else if (failure instanceof TimeoutException) {
            Log.warnf("identity-service did not answer in time: %s session", purpose);
        } else {
            Log.warnf("identity-service call failed (%s session): %s", purpose, failure.toString());
        }
        return new ProblemException(AccountError.IDENTITY_UNAVAILABLE).with("retryAfterSeconds", 30);
    }
}

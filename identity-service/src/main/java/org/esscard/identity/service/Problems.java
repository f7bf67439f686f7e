package org.esscard.identity.service;

import java.time.Duration;

import org.esscard.identity.client.VendorUnavailableException;
import org.esscard.identity.service.session.SessionState;
import org.esscard.platform.problem.ProblemException;

/** The refusals several verification steps answer with. */
public final class Problems {

    /** How long a caller should wait after a vendor did not answer: the circuit breaker's delay. */
    static final Duration VENDOR_RETRY_AFTER = Duration.ofSeconds(10);

    private Problems() {
    }

    public static ProblemException unavailable(VendorUnavailableException e) {
        return new ProblemException(IdentityError.PROVIDER_UNAVAILABLE, e.vendor().ordinal())
                .with("retryAfterSeconds", VENDOR_RETRY_AFTER.toSeconds());
    }

    public static ProblemException notOpen(SessionState state) {
        return new ProblemException(IdentityError.METHOD_NOT_OPEN).with("nextMethods", state.openMethods());
    }
}

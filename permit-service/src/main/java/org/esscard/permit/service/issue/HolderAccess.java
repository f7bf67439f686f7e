package org.esscard.permit.service.issue;

import java.time.Clock;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.esscard.permit.config.PermitConfig;
import org.esscard.permit.repository.PermitReads;
import org.esscard.permit.repository.WorkPermit;
import org.esscard.permit.service.PermitError;
import org.esscard.permit.service.credential.PermitValidity;
import org.esscard.platform.problem.ProblemException;
import org.esscard.platform.token.StepUp;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;

/**
 * The gate of every holder permit service: the holder's own permit only (the one in the token), after
 * the PIN step-up (R15), and only while the permit is valid: expired or cancelled closes them all (R20).
 */
@RequestScoped
public class HolderAccess {

    private final JsonWebToken jwt;
    private final Clock clock;
    private final PermitConfig config;
    private final PermitReads reads;

    public HolderAccess(JsonWebToken jwt, Clock clock, PermitConfig config, PermitReads reads) {
        this.jwt = jwt;
        this.clock = clock;
        this.config = config;
        this.reads = reads;
    }

    /** The caller's own permit, if every rule lets them use it now; a problem naming the rule otherwise. */
    public Uni<WorkPermit> ownValidPermit() {
        return ownPermitAnyStanding().map(permit -> switch (PermitValidity.standing(permit.status, permit.validUntil, clock.instant())) {
            case CANCELLED -> throw new ProblemException(PermitError.PERMIT_CANCELLED, permit.permitNumber);
            case EXPIRED -> throw new ProblemException(PermitError.PERMIT_EXPIRED, permit.permitNumber, permit.validUntil);
            case USABLE -> permit;
        });
    }

    /**
     * The caller's own permit whatever its standing (expired and cancelled ones too), after a fresh PIN step-up: for
     * the copy of one's data (issue 18), which the holder may ask for after the permit's services have closed (R20).
     */
    public Uni<WorkPermit> ownPermitAnyStanding() {
        requirePinStepUp();
        String permitNumber = jwt.getClaim("permit");
        if (permitNumber == null || permitNumber.isBlank()) {
            throw new ProblemException(PermitError.NO_PERMIT_BOUND);
        }
        return reads.find(permitNumber).map(permit -> {
            if (permit == null) {
                throw new ProblemException(PermitError.PERMIT_NOT_FOUND, permitNumber);
            }
            return permit;
        });
    }

    private void requirePinStepUp() {
        if (!StepUp.fresh(jwt, clock.instant(), config.pinMaxAge())) {
            throw new ProblemException(PermitError.PIN_REQUIRED);
        }
    }
}

package org.esscard.permit.service.issue;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.esscard.permit.config.PermitConfig;
import org.esscard.permit.repository.PermitReads;
import org.esscard.permit.repository.WorkPermit;
import org.esscard.permit.service.PermitError;
import org.esscard.permit.service.credential.PermitValidity;
import org.esscard.platform.problem.ProblemException;

import io.smallrye.mutiny.Uni;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
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
        requirePinStepUp();
        String permitNumber = jwt.getClaim("permit");
        if (permitNumber == null || permitNumber.isBlank()) {
            throw new ProblemException(PermitError.NO_PERMIT_BOUND);
        }
        return reads.find(permitNumber).map(permit -> {
            if (permit == null) {
                throw new ProblemException(PermitError.PERMIT_NOT_FOUND, permitNumber);
            }
            return switch (PermitValidity.standing(permit.status, permit.validUntil, clock.instant())) {
                case CANCELLED -> throw new ProblemException(PermitError.PERMIT_CANCELLED, permitNumber);
                case EXPIRED -> throw new ProblemException(PermitError.PERMIT_EXPIRED, permitNumber, permit.validUntil);
                case USABLE -> permit;
            };
        });
    }

    private void requirePinStepUp() {
        long pinAt = epochSeconds(jwt.getClaim("pin_at"));
        Instant steppedUp = Instant.ofEpochSecond(pinAt);
        Instant now = clock.instant();
        boolean fresh = pinAt > 0 && !steppedUp.isAfter(now.plusSeconds(60)) && !steppedUp.plus(config.pinMaxAge()).isBefore(now);
        if (!methods(jwt.getClaim("amr")).contains("pin") || !fresh) {
            throw new ProblemException(PermitError.PIN_REQUIRED);
        }
    }

    /** The token's {@code amr}: SmallRye hands custom array claims over as JSON values. */
    private static java.util.Set<String> methods(Object amr) {
        if (amr instanceof JsonArray array) {
            return array.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString())
                    .collect(java.util.stream.Collectors.toSet());
        }
        if (amr instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet());
        }
        return java.util.Set.of();
    }

    private static long epochSeconds(Object value) {
        if (value instanceof JsonNumber number) {
            return number.longValue();
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        return 0;
    }
}

package org.esscard.permit.rest;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.esscard.events.permit.PermitStatus;
import org.esscard.events.permit.TalentCategory;
import org.esscard.permit.credential.PermitValidity;
import org.esscard.permit.credential.Verdict;
import org.esscard.permit.repository.WorkPermit;
import org.esscard.permit.service.PermitCredentials;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Exit-entry officers check a work permit QR (R18): signature, expiry, key, and online the permit's
 * current status, so a QR made before a cancellation fails here. The public keys for offline checks too.
 */
@Path("/api/permits/qr")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "QR verification", description = "The exit-entry officer checks a permit QR code (R18)")
public class OfficerVerificationResource {

    /** What an officer's scanner read. */
    public record Scan(@NotNull @Size(max = 4096) String qr) {
    }

    /** The permit as the QR and the record agree on it; shown only when the verdict is VALID. */
    public record PermitFacts(String permitNumber, String holderName, String nationality, TalentCategory talentCategory,
            LocalDate validUntil, PermitStatus status) {
    }

    /**
     * The officer's answer: {@code VALID}, or why not: {@code TAMPERED}, {@code EXPIRED} (the QR's own
     * expiry), {@code UNKNOWN_KEY}, {@code MALFORMED}, {@code PERMIT_CANCELLED}, {@code PERMIT_EXPIRED},
     * {@code PERMIT_NOT_FOUND}.
     */
    public record Result(String verdict, String reason, String kid, Instant qrExpiredAt, PermitFacts permit) {
    }

    private final PermitCredentials credentials;
    private final Clock clock;

    public OfficerVerificationResource(PermitCredentials credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    @POST
    @Path("/verifications")
    @RolesAllowed("exit-entry-officer")
    @Consumes(MediaType.APPLICATION_JSON)
    @WithSession
    @Operation(operationId = "verifyPermitQr", summary = "Verify a work permit QR code", description = "Checks signature, expiry and key, then the permit's current status.")
    public Uni<Result> verify(@Valid @NotNull Scan scan) {
        Verdict verdict = credentials.verify(scan.qr());
        if (!verdict.isValid()) {
            Log.infof("QR verification: %s (kid %s)", verdict.outcome(), verdict.kid());
            return Uni.createFrom().item(new Result(verdict.outcome().name(), verdict.reason(), verdict.kid(), verdict.expiredAt(), null));
        }
        return WorkPermit.<WorkPermit>findById(verdict.claims().permitNumber()).map(permit -> {
            String outcome = status(permit);
            Log.infof("QR verification of permit %s: %s (kid %s)", verdict.claims().permitNumber(), outcome, verdict.kid());
            PermitFacts facts = "VALID".equals(outcome) ? new PermitFacts(permit.permitNumber, permit.holderName,
                    permit.nationality, permit.talentCategory, permit.validUntil, permit.status) : null;
            return new Result(outcome, null, verdict.kid(), null, facts);
        });
    }

    @GET
    @Path("/keys")
    @PermitAll
    @Operation(operationId = "getQrVerificationKeys", summary = "QR verification keys", description = "JWK Set of the keys that sign work permit QR codes, for offline verification.")
    public Map<String, Object> keys() {
        return credentials.jwks();
    }

    private String status(WorkPermit permit) {
        if (permit == null) {
            return "PERMIT_NOT_FOUND";
        }
        if (permit.status == PermitStatus.CANCELLED) {
            return "PERMIT_CANCELLED";
        }
        if (permit.status == PermitStatus.EXPIRED || PermitValidity.isOver(permit.validUntil, clock.instant())) {
            return "PERMIT_EXPIRED";
        }
        return "VALID";
    }
}

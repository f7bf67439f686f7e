package org.esscard.permit.rest;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.esscard.events.permit.PermitStatus;
import org.esscard.events.permit.TalentCategory;
import org.esscard.permit.service.credential.PermitValidity;
import org.esscard.permit.service.credential.QrClaims;
import org.esscard.permit.service.credential.StatusListToken;
import org.esscard.permit.service.credential.Verdict;
import org.esscard.permit.repository.PermitReads;
import org.esscard.permit.repository.VerificationAudit;
import org.esscard.permit.repository.WorkPermit;
import org.esscard.permit.service.credential.PermitCredentials;
import org.esscard.permit.service.PermitError;
import org.esscard.permit.service.credential.StatusLists;
import org.esscard.platform.privacy.Pseudonyms;
import org.esscard.platform.problem.ProblemException;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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
    private final StatusLists statusLists;
    private final PermitReads permits;
    private final VerificationAudit audit;
    private final JsonWebToken jwt;
    private final Clock clock;
    private final Pseudonyms pseudonyms;

    public OfficerVerificationResource(PermitCredentials credentials, StatusLists statusLists, PermitReads permits,
            VerificationAudit audit, JsonWebToken jwt, Clock clock, Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
        this.credentials = credentials;
        this.statusLists = statusLists;
        this.permits = permits;
        this.audit = audit;
        this.jwt = jwt;
        this.clock = clock;
    }

    @POST
    @Path("/verifications")
    @RolesAllowed("exit-entry-officer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "verifyPermitQr", summary = "Verify a work permit QR code", description = "Checks signature,"
            + " expiry and key, then the permit's current status. Each check is audited under the officer's account.")
    public Uni<Result> verify(@Valid @NotNull Scan scan) {
        String officer = jwt.getSubject();
        Verdict verdict = credentials.verify(scan.qr());
        if (!verdict.isValid()) {
            Log.infof("QR verification by %s: %s (kid %s)", officer, verdict.outcome(), verdict.kid());
            Result result = new Result(verdict.outcome().name(), verdict.reason(), verdict.kid(), verdict.expiredAt(), null);
            return audit.record(officer, result.verdict(), verdict.kid(), null, null).replaceWith(result);
        }
        QrClaims claims = verdict.claims();
        return permits.find(claims.permitNumber()).chain(permit -> {
            String outcome = status(permit);
            Log.infof("QR verification by %s of permit %s: %s (kid %s)", officer,
                    permit == null ? pseudonyms.of(claims.permitNumber()) : claims.permitNumber(), outcome, verdict.kid());
            PermitFacts facts = "VALID".equals(outcome) ? new PermitFacts(permit.permitNumber, permit.holderName,
                    permit.nationality, permit.talentCategory, permit.validUntil, permit.status) : null;
            Result result = new Result(outcome, null, verdict.kid(), null, facts);
            // a code we signed whose permit is gone: its holder was erased (issue 18), the audit names no one
            String audited = permit == null ? pseudonyms.of(claims.permitNumber()) : claims.permitNumber();
            return audit.record(officer, outcome, verdict.kid(), audited, claims.id()).replaceWith(result);
        });
    }

    @GET
    @Path("/verifications")
    @RolesAllowed("support")
    @Operation(operationId = "listQrVerifications", summary = "An officer's QR verifications",
            description = "The latest online checks made under one officer's account, newest first (the audit).")
    public Uni<List<VerificationAudit.Entry>> verifications(@QueryParam("officer") @NotNull @Size(max = 100) String officer,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return audit.of(officer, limit);
    }

    @GET
    @Path("/keys")
    @PermitAll
    @Operation(operationId = "getQrVerificationKeys", summary = "QR verification keys", description = "JWK Set of the keys that sign work permit QR codes, for offline verification.")
    public Map<String, Object> keys() {
        return credentials.jwks();
    }

    @GET
    @Path("/status-lists/{n}")
    @PermitAll
    @Produces(StatusListToken.MEDIA_TYPE)
    @Extension(name = "x-problem-codes", value = "STATUS_LIST_NOT_FOUND")
    @Operation(operationId = "getQrStatusList", summary = "QR status list",
            description = "Status List Token (draft-ietf-oauth-status-list) n: one bit per permit, set when it is cancelled"
                    + " or expired, signed with the QR keys; QR codes name their list and index in their status claim.")
    public Uni<Response> statusList(@PathParam("n") @Min(0) long n) {
        return statusLists.token(n).map(token -> {
            if (token == null) {
                throw new ProblemException(PermitError.STATUS_LIST_NOT_FOUND, n);
            }
            return Response.ok(token, StatusListToken.MEDIA_TYPE)
                    .header("Cache-Control", "public, max-age=" + statusLists.maxAgeSeconds()).build();
        });
    }

    private String status(WorkPermit permit) {
        if (permit == null) {
            return "PERMIT_NOT_FOUND";
        }
        return switch (PermitValidity.standing(permit.status, permit.validUntil, clock.instant())) {
            case CANCELLED -> "PERMIT_CANCELLED";
            case EXPIRED -> "PERMIT_EXPIRED";
            case USABLE -> "VALID";
        };
    }
}

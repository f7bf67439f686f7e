package org.esscard.identity.rest;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.esscard.identity.repository.AuditRecord;
import org.esscard.identity.repository.FaceAttemptCounter;
import org.esscard.identity.repository.PermitSubject;
import org.esscard.identity.repository.VerificationSession;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * What identity-service holds about the holder asking (issue 18, PIPL Art. 45), for account-service's copy of their
 * data: the permit subject it verifies them against, their verification sessions, the audit of their attempts (masked
 * as stored) and their face counter (R6). Only what the token's own account and permit name; nothing of another person.
 */
@Path("/api/identity/me/data")
@RolesAllowed("holder")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Holder data", description = "What the service holds about the holder asking")
public class HolderDataResource {

    public record DataSubject(String permitNumber, String holderName, String passportNumber, String status, java.time.LocalDate validUntil) {
    }

    public record DataSession(String id, String purpose, String status, String verifiedMethod, OffsetDateTime createdAt,
            OffsetDateTime verifiedAt) {
    }

    public record DataAttempt(String sessionId, String method, String outcome, String maskedIds, OffsetDateTime occurredAt) {
    }

    public record DataFaceCounter(int consecutiveFailures, OffsetDateTime closedAt) {
    }

    public record IdentityData(DataSubject subject, List<DataSession> sessions, List<DataAttempt> attempts, DataFaceCounter faceCounter) {
    }

    private final JsonWebToken jwt;

    public HolderDataResource(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    @GET
    @WithSession
    @Operation(operationId = "getMyIdentityData", summary = "What identity-service holds about me",
            description = "For the copy of one's data that account-service assembles (PIPL Art. 45).")
    public Uni<IdentityData> data() {
        String account = jwt.getSubject();
        String permit = jwt.getClaim("permit");
        Uni<DataSubject> subject = permit == null ? Uni.createFrom().nullItem()
                : PermitSubject.<PermitSubject>findById(permit).map(s -> s == null ? null
                        : new DataSubject(s.permitNumber, s.holderName, s.passportNumber, s.status, s.validUntil));
        Uni<List<DataSession>> sessions = (permit == null
                ? VerificationSession.<VerificationSession>list("accountId", Sort.descending("createdAt"), account)
                : VerificationSession.<VerificationSession>list("accountId = ?1 or permitNumber = ?2", Sort.descending("createdAt"), account, permit))
                .map(list -> list.stream().map(v -> new DataSession(v.id.toString(), v.purpose.name(), v.status.name(),
                        v.verifiedMethod == null ? null : v.verifiedMethod.name(), v.createdAt, v.verifiedAt)).toList());
        Uni<List<DataAttempt>> attempts = permit == null ? Uni.createFrom().item(List.of())
                : AuditRecord.<AuditRecord>list("permitNumber", Sort.descending("occurredAt", "id"), permit)
                        .map(list -> list.stream().map(a -> new DataAttempt(a.sessionId, a.method, a.outcome, a.maskedIds, a.occurredAt)).toList());
        Uni<DataFaceCounter> face = permit == null ? Uni.createFrom().nullItem()
                : FaceAttemptCounter.<FaceAttemptCounter>findById(permit).map(f -> f == null ? null : new DataFaceCounter(f.consecutiveFailures, f.closedAt));
        return subject.chain(s -> sessions.chain(v -> attempts.chain(a -> face.map(f -> new IdentityData(s, v, a, f)))));
    }
}

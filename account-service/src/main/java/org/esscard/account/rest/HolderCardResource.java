package org.esscard.account.rest;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.esscard.account.repository.HolderAccount;
import org.esscard.account.service.registration.PermitBinding;
import org.esscard.platform.problem.PlatformError;
import org.esscard.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The holder's electronic social security card, and binding a work permit to it after its holder's verification (R13). */
@Path("/api/accounts")
@RolesAllowed("holder")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Card and permit binding", description = "The holder's electronic social security card and binding a work permit to it (R13)")
public class HolderCardResource {

    /** The card as the app shows it; the social security number masked but for its last four characters. */
    public record CardView(UUID accountId, String cardNumber, String holderName, String permitNumber, String socialSecurityNumber,
            OffsetDateTime issuedAt) {
    }

    /** The work permit number to bind. */
    public record BindPermit(@NotBlank @Size(max = 40) String permitNumber) {
    }

    private final PermitBinding binding;
    private final ClientAddress clientAddress;
    private final JsonWebToken jwt;

    public HolderCardResource(PermitBinding binding, ClientAddress clientAddress, JsonWebToken jwt) {
        this.binding = binding;
        this.clientAddress = clientAddress;
        this.jwt = jwt;
    }

    @GET
    @Path("/card")
    @WithSession
    @Operation(operationId = "getMyCard", summary = "The caller's electronic social security card")
    @Extension(name = "x-problem-codes", value = "NOT_FOUND")
    public Uni<CardView> card() {
        return HolderAccount.<HolderAccount>findById(HolderPrincipal.accountId(jwt)).map(account -> {
            if (account == null) {
                throw new ProblemException(PlatformError.NOT_FOUND);
            }
            String ssn = account.socialSecurityNumber == null ? null
                    : "*".repeat(account.socialSecurityNumber.length() - 4) + account.socialSecurityNumber.substring(account.socialSecurityNumber.length() - 4);
            return new CardView(account.id, account.cardNumber, account.holderName, account.permitNumber, ssn, account.activatedAt);
        });
    }

    @POST
    @Path("/permit-binding")
    @Operation(operationId = "startPermitBinding", summary = "Start binding a work permit number to an account registered another way (R13)",
            description = "202 with the PERMIT_BINDING verification session the permit's holder must pass (face first) through"
                    + " /api/accounts/verifications/{sessionId}/...; then POST /permit-binding/{sessionId}. 400 NAME_MISMATCH,"
                    + " 404 PERMIT_NOT_FOUND, 403 PERMIT_EXPIRED / PERMIT_CANCELLED / PERMIT_OF_ANOTHER_HOLDER,"
                    + " 409 PERMIT_ALREADY_BOUND / ACCOUNT_EXISTS, 503 IDENTITY_UNAVAILABLE.")
    @Extension(name = "x-problem-codes", value = "NAME_MISMATCH PERMIT_NOT_FOUND PERMIT_EXPIRED PERMIT_CANCELLED PERMIT_OF_ANOTHER_HOLDER PERMIT_ALREADY_BOUND ACCOUNT_EXISTS IDENTITY_UNAVAILABLE")
    public Uni<Response> bind(@Valid @NotNull BindPermit form, @Context HttpServerRequest request) {
        return binding.start(HolderPrincipal.accountId(jwt), form.permitNumber(), clientAddress.of(request))
                .map(session -> Response.accepted(VerificationView.of("PERMIT_BINDING", session))
                        .location(URI.create("/api/accounts/permit-binding/" + session.sessionId())).build());
    }

    @POST
    @Path("/permit-binding/{sessionId}")
    @Operation(operationId = "collectPermitBinding", summary = "Collect a verified binding (R13)",
            description = "200 with an access token that carries the permit, once the permit's holder passed the binding session."
                    + " 409 VERIFICATION_PENDING before, 404 BINDING_NOT_FOUND for another or an older session, 409 ACCOUNT_EXISTS"
                    + " if the permit went to another account meanwhile.")
    @Extension(name = "x-problem-codes", value = "VERIFICATION_PENDING BINDING_NOT_FOUND ACCOUNT_EXISTS")
    public Uni<TokenResponse> collect(@PathParam("sessionId") @Size(max = 100) String sessionId) {
        return binding.collect(HolderPrincipal.accountId(jwt), HolderPrincipal.sessionId(jwt), sessionId)
                .map(token -> TokenResponse.bearer(token.token(), token.expiresInSeconds()));
    }
}

package org.esscard.account.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.esscard.account.service.registration.RegistrationService;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Registration of a foreigner with a work permit (R1–R4, R10): the form, then identity verification in identity-service. */
@Path("/api/accounts/registrations")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Registration", description = "Holder registration with name, work permit number and password (R1-R5)")
public class RegistrationResource {

    /**
     * The registration form. {@code socialSecurityNumber} only from a holder of a physical social security card:
     * they must also pass real-name verification (R10) and may then log in with it (R12).
     */
    public record RegistrationRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 40) String permitNumber,
            @NotNull @Size(max = 1024) String password,
            @Pattern(regexp = "[0-9]{17}[0-9X]", message = "must be the 18 characters of the social security number")
            String socialSecurityNumber) {
    }

    /** The header that carries the registration token when the app reads its registration. */
    public static final String REGISTRATION_TOKEN = "X-Registration-Token";

    /**
     * A registration waiting for (or done with) its identity verifications. {@code registrationToken} only in the
     * form's answer: opaque, random, the one proof of who started the registration.
     */
    public record RegistrationView(UUID accountId, String status, List<VerificationView> verifications,
            @JsonInclude(JsonInclude.Include.NON_NULL) String registrationToken) {

        static RegistrationView of(RegistrationService.Pending pending) {
            return new RegistrationView(pending.accountId(), pending.status().name(),
                    pending.verifications().stream().map(VerificationView::of).toList(), pending.registrationToken());
        }
    }

    private final RegistrationService registrations;
    private final ClientAddress clientAddress;

    public RegistrationResource(RegistrationService registrations, ClientAddress clientAddress) {
        this.registrations = registrations;
        this.clientAddress = clientAddress;
    }

    @POST
    @Operation(operationId = "registerAccount", summary = "Register with name, work permit number and login password",
            description = "202: the account waits for facial recognition (and real-name verification for a physical card holder) in"
                    + " identity-service, in the sessions returned; registrationToken is what reading the registration needs. 400 PASSWORD_POLICY / NAME_MISMATCH, 404 PERMIT_NOT_FOUND,"
                    + " 403 PERMIT_EXPIRED / PERMIT_CANCELLED, 409 ACCOUNT_EXISTS, 429 TOO_MANY_ATTEMPTS, 503 IDENTITY_UNAVAILABLE.")
    @Extension(name = "x-problem-codes", value = "PASSWORD_POLICY NAME_MISMATCH PERMIT_NOT_FOUND PERMIT_EXPIRED PERMIT_CANCELLED ACCOUNT_EXISTS TOO_MANY_ATTEMPTS IDENTITY_UNAVAILABLE")
    public Uni<Response> register(@Valid @NotNull RegistrationRequest form, @Context HttpServerRequest request) {
        return registrations.register(new RegistrationService.Registration(form.name(), form.permitNumber(), form.password(),
                form.socialSecurityNumber()), clientAddress.of(request))
                .map(pending -> Response.accepted(RegistrationView.of(pending))
                        .location(URI.create("/api/accounts/registrations/" + pending.accountId()))
                        .build());
    }

    @GET
    @Path("/{accountId}")
    @Operation(operationId = "getRegistration", summary = "Where a registration stands", description = "PENDING_IDENTITY until every verification succeeded, then ACTIVE."
            + " Only with the header X-Registration-Token (the form's registrationToken): 401 REGISTRATION_TOKEN_REQUIRED without"
            + " it, 404 NOT_FOUND for a wrong one, an unknown account or an expired registration.")
    @Extension(name = "x-problem-codes", value = "REGISTRATION_TOKEN_REQUIRED NOT_FOUND")
    public Uni<RegistrationView> status(@PathParam("accountId") UUID accountId,
            @HeaderParam(REGISTRATION_TOKEN) @Size(max = 100) String registrationToken) {
        return registrations.status(accountId, registrationToken).map(RegistrationView::of);
    }
}

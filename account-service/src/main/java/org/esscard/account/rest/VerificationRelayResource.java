package org.esscard.account.rest;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.esscard.account.service.verification.VerificationRelay;

import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The verification steps of registration (R5, R10) and forgot password (R14), for an app that has no token yet:
 * each call goes on to identity-service's session of the same id ({@code docs/IDENTITY.md}), and its answer
 * comes back unchanged. Only sessions account-service opened for those flows are reachable here.
 */
@Path("/api/accounts/verifications/{sessionId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Verification relay", description = "The verification steps of a registration, reset or binding not logged in yet, passed to identity-service; its problems (FACE_FAILED, SMS_CODE_WRONG, ...) pass through unchanged, as documented at its operations")
public class VerificationRelayResource {

    private final VerificationRelay relay;

    public VerificationRelayResource(VerificationRelay relay) {
        this.relay = relay;
    }

    @GET
    @Operation(operationId = "getRelayedVerificationSession", summary = "Read the verification session", description = "Status, open methods, attempts remaining, SMS code awaited.")
    @Extension(name = "x-problem-codes", value = "NOT_FOUND IDENTITY_UNAVAILABLE")
    public Uni<Response> read(@PathParam("sessionId") @Size(max = 100) String sessionId, @HeaderParam("Accept-Language") String language) {
        return relay.read(sessionId, language);
    }

    @POST
    @Path("/face")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "relayFaceVerification", summary = "Facial recognition attempt (R5, R6)", description = "Body {\"livenessTicket\"}: the face vendor SDK's ticket.")
    @Extension(name = "x-problem-codes", value = "NOT_FOUND IDENTITY_UNAVAILABLE")
    public Uni<Response> face(@PathParam("sessionId") @Size(max = 100) String sessionId, @NotNull String body,
            @HeaderParam("Accept-Language") String language) {
        return relay.step(sessionId, VerificationRelay.Step.FACE, body, language);
    }

    @POST
    @Path("/bank-card")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "relayBankCardVerification", summary = "Bank-card verification (R7)", description = "Body {name?, passportNumber, cardNumber, mobile}; an SMS code follows.")
    @Extension(name = "x-problem-codes", value = "NOT_FOUND IDENTITY_UNAVAILABLE")
    public Uni<Response> bankCard(@PathParam("sessionId") @Size(max = 100) String sessionId, @NotNull String body,
            @HeaderParam("Accept-Language") String language) {
        return relay.step(sessionId, VerificationRelay.Step.BANK_CARD, body, language);
    }

    @POST
    @Path("/mobile")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "relayMobileVerification", summary = "Mobile verification (R8)", description = "Body {name?, mobile}; an SMS code follows.")
    @Extension(name = "x-problem-codes", value = "NOT_FOUND IDENTITY_UNAVAILABLE")
    public Uni<Response> mobile(@PathParam("sessionId") @Size(max = 100) String sessionId, @NotNull String body,
            @HeaderParam("Accept-Language") String language) {
        return relay.step(sessionId, VerificationRelay.Step.MOBILE, body, language);
    }

    @POST
    @Path("/sms-code")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "relaySmsCode", summary = "The SMS code of a bank-card or mobile verification", description = "Body {\"code\": \"123456\"}.")
    @Extension(name = "x-problem-codes", value = "NOT_FOUND IDENTITY_UNAVAILABLE")
    public Uni<Response> smsCode(@PathParam("sessionId") @Size(max = 100) String sessionId, @NotNull String body,
            @HeaderParam("Accept-Language") String language) {
        return relay.step(sessionId, VerificationRelay.Step.SMS_CODE, body, language);
    }

    @POST
    @Path("/sms-code/resend")
    @Operation(operationId = "relaySmsCodeResend", summary = "A new SMS code")
    @Extension(name = "x-problem-codes", value = "NOT_FOUND IDENTITY_UNAVAILABLE")
    public Uni<Response> resend(@PathParam("sessionId") @Size(max = 100) String sessionId, @HeaderParam("Accept-Language") String language) {
        return relay.resend(sessionId, language);
    }
}

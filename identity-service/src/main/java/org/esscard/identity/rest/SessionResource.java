package org.esscard.identity.rest;

import java.net.URI;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.esscard.events.identity.api.OpenSession;
import org.esscard.events.identity.api.SessionView;
import org.esscard.identity.service.Caller;
import org.esscard.identity.service.session.SessionService;
import org.esscard.identity.service.verification.FaceVerification;
import org.esscard.identity.service.verification.RealNameVerification;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Verification sessions: other services (group {@code service}) open them for a person and drive or read them;
 * a holder (group {@code holder}) may do the same for their own work permit only. The outcome also leaves as
 * {@code IdentityVerified} / {@code VerificationLocked} on identity-events.
 */
@Path("/api/identity/sessions")
@RolesAllowed({ "service", "holder" })
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Verification sessions", description = "Identity verification: face, bank card and mobile with an SMS code (R5-R9)")
public class SessionResource {

    static final String SERVICE_GROUP = "service";

    private final SessionService sessions;
    private final FaceVerification face;
    private final RealNameVerification realName;
    private final JsonWebToken jwt;

    public SessionResource(SessionService sessions, FaceVerification face, RealNameVerification realName, JsonWebToken jwt) {
        this.sessions = sessions;
        this.face = face;
        this.realName = realName;
        this.jwt = jwt;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "openVerificationSession", summary = "Open a verification session", description = "For the holder of permitNumber, whose passport name must"
            + " equal name exactly. 201 with the session: its open methods (FACE first for REGISTRATION, PASSWORD_RESET and"
            + " PIN_RESET; BANK_CARD and MOBILE for REAL_NAME) and its expiry.")
    @Extension(name = "x-problem-codes", value = "SUBJECT_UNKNOWN NAME_MISMATCH PERMIT_NOT_VALID")
    public Uni<Response> open(@Valid @NotNull OpenSession request) {
        return sessions.open(caller(), request.purpose(), request.permitNumber(), request.name(), request.accountId())
                .map(state -> Response.created(URI.create("/api/identity/sessions/" + state.session().id))
                        .entity(SessionViews.of(state)).build());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getVerificationSession", summary = "Read a verification session", description = "Status (OPEN, VERIFIED, EXPIRED, FAILED), the methods still"
            + " open, face attempts and checks remaining, the SMS code waited for, and the expiry.")
    @Extension(name = "x-problem-codes", value = "SESSION_NOT_FOUND")
    public Uni<SessionView> get(@PathParam("id") String id) {
        return sessions.read(caller(), id).map(SessionViews::of);
    }

    @POST
    @Path("/{id}/face")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "attemptFaceVerification", summary = "Facial recognition attempt (R5, R6)", description = "200 VERIFIED on a match; FACE_FAILED with"
            + " remainingAttempts; the 6th consecutive failure of the person answers FACE_LOCKED and offers BANK_CARD.")
    @Extension(name = "x-problem-codes", value = "SESSION_NOT_FOUND SESSION_EXPIRED SESSION_COMPLETED METHOD_NOT_OPEN FACE_FAILED FACE_LOCKED VERIFICATION_IN_PROGRESS PROVIDER_UNAVAILABLE")
    public Uni<SessionView> face(@PathParam("id") String id, @Valid @NotNull SessionRequests.Face request) {
        return face.attempt(caller(), id, request.livenessTicket()).map(SessionViews::of);
    }

    @POST
    @Path("/{id}/bank-card")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "startBankCardVerification", summary = "Start bank-card verification (R7)", description = "Name, passport number, UnionPay card number and"
            + " bank-reserved mobile; 202 once the bank confirmed them and an SMS code was sent. A failure offers MOBILE (R9).")
    @Extension(name = "x-problem-codes", value = "SESSION_NOT_FOUND SESSION_EXPIRED SESSION_COMPLETED METHOD_NOT_OPEN NAME_MISMATCH BANK_CARD_INVALID MOBILE_INVALID BANK_VERIFICATION_FAILED VERIFICATION_IN_PROGRESS SMS_RATE_LIMITED PROVIDER_UNAVAILABLE")
    public Uni<Response> bankCard(@PathParam("id") String id, @Valid @NotNull SessionRequests.BankCard request) {
        return realName.bankCard(caller(), id, new RealNameVerification.BankCard(request.name(), request.passportNumber(),
                request.cardNumber(), request.mobile()))
                .map(state -> Response.accepted(SessionViews.of(state)).build());
    }

    @POST
    @Path("/{id}/mobile")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "startMobileVerification", summary = "Start mobile verification (R8)", description = "A China mobile number; 202 once the carrier confirmed"
            + " it and an SMS code was sent. A failure offers BANK_CARD (R9).")
    @Extension(name = "x-problem-codes", value = "SESSION_NOT_FOUND SESSION_EXPIRED SESSION_COMPLETED METHOD_NOT_OPEN NAME_MISMATCH MOBILE_INVALID MOBILE_VERIFICATION_FAILED VERIFICATION_IN_PROGRESS SMS_RATE_LIMITED PROVIDER_UNAVAILABLE")
    public Uni<Response> mobile(@PathParam("id") String id, @Valid @NotNull SessionRequests.Mobile request) {
        return realName.mobile(caller(), id, request.name(), request.mobile())
                .map(state -> Response.accepted(SessionViews.of(state)).build());
    }

    @POST
    @Path("/{id}/sms-code")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "submitSmsCode", summary = "Complete bank-card or mobile verification with the SMS code", description = "200 VERIFIED;"
            + " SMS_CODE_WRONG with remainingAttempts, SMS_CODE_EXPIRED after 5 minutes, SMS_CODE_EXHAUSTED after 5 wrong entries.")
    @Extension(name = "x-problem-codes", value = "SESSION_NOT_FOUND SESSION_EXPIRED SESSION_COMPLETED SMS_CODE_NOT_SENT SMS_CODE_WRONG SMS_CODE_EXPIRED SMS_CODE_EXHAUSTED")
    public Uni<SessionView> smsCode(@PathParam("id") String id, @Valid @NotNull SessionRequests.SmsCode request) {
        return realName.submitCode(caller(), id, request.code()).map(SessionViews::of);
    }

    @POST
    @Path("/{id}/sms-code/resend")
    @Operation(operationId = "resendSmsCode", summary = "Send a new SMS code", description = "The earlier code dies. 202; SMS_RATE_LIMITED with"
            + " retryAfterSeconds (and Retry-After) within a minute of the last code, after 5 in the session or 10 a day to the number.")
    @Extension(name = "x-problem-codes", value = "SESSION_NOT_FOUND SESSION_EXPIRED SESSION_COMPLETED SMS_CODE_NOT_SENT SMS_RATE_LIMITED PROVIDER_UNAVAILABLE")
    public Uni<Response> resend(@PathParam("id") String id) {
        return realName.resend(caller(), id).map(state -> Response.accepted(SessionViews.of(state)).build());
    }

    private Caller caller() {
        boolean service = jwt.getGroups().contains(SERVICE_GROUP);
        String permit = jwt.getClaim("permit");
        return new Caller(jwt.getSubject(), service, permit);
    }
}

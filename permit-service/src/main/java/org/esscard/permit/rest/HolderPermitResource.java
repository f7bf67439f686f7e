package org.esscard.permit.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.esscard.permit.repository.VerificationAudit;
import org.esscard.permit.service.credential.PermitCredentials;
import org.esscard.permit.service.credential.SignedQr;
import org.esscard.permit.service.issue.HolderAccess;
import org.esscard.permit.service.letter.LetterService;
import org.esscard.permit.service.letter.QrImages;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The holder's work permit services (R16): inquiry, QR code and Notification Letter, for their own permit
 * only, after the PIN step-up (R15), while the permit is valid (R20).
 */
@Path("/api/permits/mine")
@RolesAllowed("holder")
@Tag(name = "My permit", description = "The holder's permit services behind the PIN: inquiry, QR code, Notification Letter (R16-R18, R20)")
public class HolderPermitResource {

    static final int QR_PIXELS = 400;

    private final HolderAccess access;
    private final PermitCredentials credentials;
    private final LetterService letters;
    private final Vertx vertx;
    private final VerificationAudit checks;

    public HolderPermitResource(HolderAccess access, PermitCredentials credentials, LetterService letters, Vertx vertx,
            VerificationAudit checks) {
        this.access = access;
        this.credentials = credentials;
        this.letters = letters;
        this.vertx = vertx;
        this.checks = checks;
    }

    /** What permit-service holds about the holder: their permit record, whole, and the officers' checks of its QR codes. */
    public record PermitData(PermitRecord permit, List<OfficerCheck> officerChecks) {
    }

    /** The record as the authority keeps it, passport number included: it is the holder's own. */
    public record PermitRecord(String permitNumber, String holderName, String passportNumber, String nationality, String employer,
            String position, String workCity, String talentCategory, java.time.LocalDate issueDate, java.time.LocalDate validUntil,
            String status, String cancellationReason, java.time.OffsetDateTime cancelledAt, java.time.OffsetDateTime createdAt,
            java.time.OffsetDateTime updatedAt) {
    }

    /** An officer's check of one of the holder's QR codes: when and what it showed (the officer is staff, not named). */
    public record OfficerCheck(java.time.OffsetDateTime at, String verdict) {
    }

    @GET
    @Path("/data")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getMyPermitData", summary = "What permit-service holds about me",
            description = "For the copy of one's data that account-service assembles (PIPL Art. 45): the whole permit record and"
                    + " the officers' checks of its QR codes. Needs the PIN step-up; answers after expiry or cancellation too.")
    @Extension(name = "x-problem-codes", value = "PIN_REQUIRED NO_PERMIT_BOUND PERMIT_NOT_FOUND")
    public Uni<PermitData> data() {
        return access.ownPermitAnyStanding().chain(p -> checks.ofPermit(p.permitNumber, 1000).map(entries -> new PermitData(
                new PermitRecord(p.permitNumber, p.holderName, p.passportNumber, p.nationality, p.employer, p.position, p.workCity,
                        p.talentCategory.name(), p.issueDate, p.validUntil, p.status.name(), p.cancellationReason, p.cancelledAt,
                        p.createdAt, p.updatedAt),
                entries.stream().map(e -> new OfficerCheck(e.verifiedAt(), e.verdict())).toList())));
    }

    /** The QR as the app receives it: its text (to render itself) and when it stops being valid. */
    public record QrCode(String text, Instant expiresAt, String kid) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getMyPermit", summary = "Work permit inquiry", description = "The caller's own permit. Needs the PIN step-up; closed after expiry or cancellation.")
    @Extension(name = "x-problem-codes", value = "PIN_REQUIRED NO_PERMIT_BOUND PERMIT_NOT_FOUND PERMIT_EXPIRED PERMIT_CANCELLED")
    public Uni<HolderPermitView> inquiry() {
        return access.ownValidPermit().map(HolderPermitView::of);
    }

    @GET
    @Path("/qr")
    @WithSession
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getMyPermitQr", summary = "Work permit QR code", description = "A signed credential for the exit-entry administration (R18), valid for minutes.")
    @Extension(name = "x-problem-codes", value = "PIN_REQUIRED NO_PERMIT_BOUND PERMIT_NOT_FOUND PERMIT_EXPIRED PERMIT_CANCELLED")
    public Uni<QrCode> qr() {
        return access.ownValidPermit().map(permit -> {
            SignedQr signed = credentials.forScreen(permit);
            return new QrCode(signed.text(), signed.claims().expiresAt(), signed.kid());
        });
    }

    @GET
    @Path("/qr.png")
    @WithSession
    @Produces("image/png")
    @Operation(operationId = "getMyPermitQrPng", summary = "Work permit QR code as a PNG image")
    @Extension(name = "x-problem-codes", value = "PIN_REQUIRED NO_PERMIT_BOUND PERMIT_NOT_FOUND PERMIT_EXPIRED PERMIT_CANCELLED")
    public Uni<Response> qrPng() {
        return access.ownValidPermit()
                .chain(permit -> vertx.executeBlocking(() -> QrImages.png(credentials.forScreen(permit).text(), QR_PIXELS), false))
                .map(png -> Response.ok(png, "image/png").header("Cache-Control", "no-store").build());
    }

    @GET
    @Path("/qr.svg")
    @WithSession
    @Produces("image/svg+xml")
    @Operation(operationId = "getMyPermitQrSvg", summary = "Work permit QR code as an SVG image")
    @Extension(name = "x-problem-codes", value = "PIN_REQUIRED NO_PERMIT_BOUND PERMIT_NOT_FOUND PERMIT_EXPIRED PERMIT_CANCELLED")
    public Uni<Response> qrSvg() {
        return access.ownValidPermit()
                .chain(permit -> vertx.executeBlocking(() -> QrImages.svg(credentials.forScreen(permit).text(), QR_PIXELS), false))
                .map(svg -> Response.ok(svg, "image/svg+xml").header("Cache-Control", "no-store").build());
    }

    @GET
    @Path("/letter.pdf")
    @WithSession
    @Produces("application/pdf")
    @Operation(operationId = "getMyNotificationLetter", summary = "Notification Letter of the work permit", description = "A bilingual PDF stating the talent category,"
            + " with the QR, to save or open with another app (R16, R17).")
    @Extension(name = "x-problem-codes", value = "PIN_REQUIRED NO_PERMIT_BOUND PERMIT_NOT_FOUND PERMIT_EXPIRED PERMIT_CANCELLED")
    public Uni<Response> letter() {
        return access.ownValidPermit()
                .chain(permit -> vertx.executeBlocking(() -> letters.render(permit), false)
                        .map(pdf -> Response.ok(pdf, "application/pdf")
                                .header("Content-Disposition", "attachment; filename=\"work-permit-" + permit.permitNumber + ".pdf\"")
                                .header("Cache-Control", "no-store")
                                .build()));
    }
}

package org.esscard.permit.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.esscard.permit.service.credential.SignedQr;
import org.esscard.permit.service.letter.QrImages;
import org.esscard.permit.service.issue.HolderAccess;
import org.esscard.permit.service.letter.LetterService;
import org.esscard.permit.service.credential.PermitCredentials;

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

    public HolderPermitResource(HolderAccess access, PermitCredentials credentials, LetterService letters, Vertx vertx) {
        this.access = access;
        this.credentials = credentials;
        this.letters = letters;
        this.vertx = vertx;
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

package org.esscard.simulator.rest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.esscard.simulator.service.Check;
import org.esscard.simulator.service.IdentityVendors;
import org.esscard.simulator.service.Outcome;
import org.esscard.simulator.service.Vendor;

/**
 * The identity vendors callers verify people with: face comparison, the bank's four-element check and the
 * carrier's three-element check; and the read-back of the checks received, for tests.
 */
@Path("/sim")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "identity vendors", description = "Simulated face recognition, bank and carrier checks")
public class IdentityVendorResource {

    private final IdentityVendors vendors;

    IdentityVendorResource(IdentityVendors vendors) {
        this.vendors = vendors;
    }

    @POST
    @Path("/face/compare")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Compare a liveness capture with the subject's photo on file",
            description = "200 with match true or false as scripted for subjectId (true when nothing is); a scripted status on ERROR")
    public FaceCompareResult compareFace(@Valid @NotNull FaceCompareRequest request) {
        Check check = vendors.check(Vendor.FACE, request.subjectId());
        boolean match = check.outcome() == Outcome.PASS;
        return new FaceCompareResult(check.requestId(), match,
                match ? FaceCompareResult.MATCH_SCORE : FaceCompareResult.NO_MATCH_SCORE);
    }

    @POST
    @Path("/bank/verifications")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Bank four-element check: name, ID number, card number, bank-reserved mobile",
            description = "200 with MATCH or MISMATCH as scripted for cardNumber (MATCH when nothing is); a scripted status on ERROR")
    public CheckResult verifyBankCard(@Valid @NotNull BankCheckRequest request) {
        return result(vendors.check(Vendor.BANK, request.cardNumber()));
    }

    @POST
    @Path("/carrier/verifications")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Carrier three-element check: name, ID number, mobile",
            description = "200 with MATCH or MISMATCH as scripted for mobile (MATCH when nothing is); a scripted status on ERROR")
    public CheckResult verifyMobile(@Valid @NotNull CarrierCheckRequest request) {
        return result(vendors.check(Vendor.CARRIER, request.mobile()));
    }

    @GET
    @Path("/checks")
    @Operation(summary = "Identity checks received, oldest first",
            description = "Filtered by vendor (face, bank or carrier) and, with a vendor, by the identity checked")
    public List<Check> received(
            @QueryParam("vendor") @Pattern(regexp = "(?i)face|bank|carrier", message = "must be face, bank or carrier") String vendor,
            @QueryParam("identity") String identity) {
        Vendor only = vendor == null ? null : Vendor.valueOf(vendor.toUpperCase(java.util.Locale.ROOT));
        return vendors.received(only, identity == null || identity.isBlank() ? null : identity);
    }

    @DELETE
    @Path("/checks")
    @Operation(summary = "Forget every identity check received")
    public Response clear() {
        vendors.clear();
        return Response.noContent().build();
    }

    private static CheckResult result(Check check) {
        return new CheckResult(check.requestId(), check.outcome() == Outcome.PASS ? CheckResult.MATCH : CheckResult.MISMATCH);
    }
}

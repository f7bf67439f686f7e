package org.esscard.platform.support;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.esscard.platform.problem.ErrorCode;
import org.esscard.platform.problem.ProblemException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Endpoints that fail in every way a client or the server can, for the problem+json tests. */
@Path("/api/test")
@Produces(MediaType.APPLICATION_JSON)
public class ProblemTestResource {

    public record Applicant(@NotBlank String name, @NotBlank String permitNumber, @Min(0) int age) {
    }

    /** A domain error of a test service, with its messages in {@code org/esscard/platform/support/messages}. */
    public enum TestError implements ErrorCode {
        FACE_LOCKED;

        @Override
        public int status() {
            return 423;
        }

        @Override
        public String bundle() {
            return "org.esscard.platform.support.messages";
        }
    }

    @POST
    @Path("/applicants")
    @Consumes(MediaType.APPLICATION_JSON)
    public Applicant create(@Valid @NotNull Applicant applicant) {
        return applicant;
    }

    @GET
    @Path("/locked")
    @Extension(name = "x-problem-codes", value = "FACE_LOCKED")
    public String locked() {
        throw new ProblemException(TestError.FACE_LOCKED, 6).with("nextMethods", java.util.List.of("BANK_CARD", "MOBILE"))
                .with("retryAfterSeconds", 60);
    }

    @GET
    @Path("/bug")
    public String bug() {
        throw new IllegalStateException("secret internal detail 6222021234567890128");
    }

    @GET
    @Path("/staff-only")
    @RolesAllowed("support")
    public String staffOnly() {
        return "ok";
    }
}

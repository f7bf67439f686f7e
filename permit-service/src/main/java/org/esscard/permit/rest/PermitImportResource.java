package org.esscard.permit.rest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.esscard.permit.service.imports.ImportJob;
import org.esscard.permit.service.imports.PermitImporter;
import org.esscard.permit.service.PermitError;
import org.esscard.platform.problem.ProblemException;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The permit authority's bulk import of its backlog, and the import's progress. */
@Path("/api/permits/imports")
@RolesAllowed("permit-authority")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Permit imports", description = "The permit authority's bulk import")
public class PermitImportResource {

    static final String NDJSON = "application/x-ndjson";

    private final PermitImporter importer;
    private final JsonWebToken jwt;

    public PermitImportResource(PermitImporter importer, JsonWebToken jwt) {
        this.importer = importer;
        this.jwt = jwt;
    }

    @POST
    @Consumes({ NDJSON, "text/csv" })
    @Operation(operationId = "importPermits", summary = "Import permits", description = "One permit per line: NDJSON, or CSV with a header line naming the"
            + " fields of a single issue. Answers 202 with the job; poll it for progress and rejected lines.")
    public Response start(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType)
            throws IOException, SQLException {
        PermitImporter.Format format = contentType.startsWith(NDJSON) ? PermitImporter.Format.NDJSON : PermitImporter.Format.CSV;
        java.nio.file.Path upload = Files.createTempFile("permit-import-", "." + format.name().toLowerCase());
        Files.copy(body, upload, StandardCopyOption.REPLACE_EXISTING);
        UUID id = importer.start(upload, format, charset(contentType), jwt.getSubject());
        return Response.accepted(importer.find(id, 0, 0)).location(URI.create("/api/permits/imports/" + id)).build();
    }

    /** The upload's charset as its Content-Type names it; UTF-8 when it names none (or one we do not know). */
    private static java.nio.charset.Charset charset(String contentType) {
        try {
            String name = jakarta.ws.rs.core.MediaType.valueOf(contentType).getParameters().get("charset");
            return name == null ? java.nio.charset.StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return java.nio.charset.StandardCharsets.UTF_8;
        }
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getPermitImport", summary = "An import's progress", description = "Totals and a page of rejected lines with their numbers and reasons.")
    @Extension(name = "x-problem-codes", value = "IMPORT_NOT_FOUND")
    public ImportJob progress(@PathParam("id") UUID id, @QueryParam("errorsFrom") @DefaultValue("0") @Min(0) int errorsFrom,
            @QueryParam("errors") @DefaultValue("100") @Min(0) @Max(1000) int errors) throws SQLException {
        ImportJob job = importer.find(id, errorsFrom, errors);
        if (job == null) {
            throw new ProblemException(PermitError.IMPORT_NOT_FOUND, id);
        }
        return job;
    }
}

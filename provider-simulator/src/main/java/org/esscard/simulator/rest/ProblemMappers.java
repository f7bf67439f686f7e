package org.esscard.simulator.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import org.esscard.problem.FieldPaths;
import org.esscard.problem.Problem;
import org.esscard.simulator.service.ScriptedFailureException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.logging.Log;

/**
 * Turns every failure of a call into RFC 9457 problem+json, never HTML, as the services expect of a vendor: the
 * suite's own {@link Problem} shape, without a trace id (a vendor's answer has none).
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response scriptedFailure(ScriptedFailureException e, UriInfo uri) {
        return respond(SimulatorError.SCRIPTED_FAILURE, e.status(),
                "The " + e.vendor() + " vendor was told to fail this call with " + e.status() + ".", uri,
                List.of());
    }

    @ServerExceptionMapper
    public Response unknownChannel(UnknownChannelException e, UriInfo uri) {
        return respond(SimulatorError.UNKNOWN_CHANNEL, "No channel '" + e.key() + "'; use sms or push.", uri);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(FieldPaths.of(v), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        String fields = errors.stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
        return respond(SimulatorError.VALIDATION_FAILED, SimulatorError.VALIDATION_FAILED.status(),
                "Some fields are missing or invalid: " + fields + ".", uri, errors);
    }

    // the Jackson extension maps this subtype itself, as plain JSON; a mapper for the exact type wins over it
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            errors.add(new Problem.FieldError(FieldPaths.of(mapping.getPath()), e.getOriginalMessage()));
        }
        return respond(SimulatorError.MALFORMED_JSON, SimulatorError.MALFORMED_JSON.status(),
                SimulatorError.MALFORMED_JSON.message(), uri, errors);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        SimulatorError code = SimulatorError.forStatus(status);
        return respond(code, status, code.message(), uri, List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        Log.errorf(e, "unexpected failure on %s", uri.getPath());
        return respond(SimulatorError.INTERNAL_ERROR, SimulatorError.INTERNAL_ERROR.message(), uri);
    }

    private static Response respond(SimulatorError code, String detail, UriInfo uri) {
        return respond(code, code.status(), detail, uri, List.of());
    }

    private static Response respond(SimulatorError code, int status, String detail, UriInfo uri,
            List<Problem.FieldError> errors) {
        Response.StatusType reason = Response.Status.fromStatusCode(status);
        Problem problem = new Problem("urn:esscard:problem:" + code.name(),
                reason == null ? "Error" : reason.getReasonPhrase(), status, detail,
                uri == null ? null : uri.getPath(), code.name(), null, errors, Map.of());
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}

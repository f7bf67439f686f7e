package org.esscard.account.rest;

import java.util.List;

import org.esscard.platform.problem.ProblemException;
import org.esscard.platform.problem.ProblemMappers;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The platform's problem answer, plus a {@code Retry-After} header when the problem says when to retry
 * ({@code TOO_MANY_ATTEMPTS}, {@code IDENTITY_UNAVAILABLE}, {@code BUSY}), so clients and gateways need not read the body.
 */
public class RetryAfterMapper {

    @ServerExceptionMapper(priority = 100)
    public Response problem(ProblemException e, HttpHeaders headers, UriInfo uri) {
        Response response = ProblemMappers.respond(e.code(), headers, uri, List.of(), e.extensions(), e.args());
        Object retryAfter = e.extensions().get("retryAfterSeconds");
        if (retryAfter == null) {
            return response;
        }
        return Response.fromResponse(response).header("Retry-After", retryAfter.toString()).build();
    }
}

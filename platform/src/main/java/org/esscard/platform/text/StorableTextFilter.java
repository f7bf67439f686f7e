package org.esscard.platform.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.esscard.platform.problem.PlatformError;
import org.esscard.problem.Problem;
import org.esscard.platform.problem.ProblemMappers;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Refuses every request whose path or query parameters, decoded, hold text PostgreSQL cannot store
 * ({@link StorableText}): {@code GET /api/permits/%00} is a 400 naming {@code permitNumber}, not a 500 from the
 * database. After matching, so path parameters have their names; bodies are checked by {@link StorableTextJson}.
 */
public class StorableTextFilter {

    @ServerRequestFilter
    public Response check(UriInfo uri, HttpHeaders headers) {
        List<Problem.FieldError> errors = new ArrayList<>();
        collect(uri.getPathParameters(true), errors);
        collect(uri.getQueryParameters(true), errors);
        if (errors.isEmpty()) {
            return null;
        }
        String fields = String.join(", ", errors.stream().map(Problem.FieldError::field).distinct().toList());
        return ProblemMappers.respond(PlatformError.INVALID_TEXT, headers, uri, errors, Map.of(), fields);
    }

    private static void collect(MultivaluedMap<String, String> parameters, List<Problem.FieldError> errors) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (!StorableText.isStorable(name)) {
                errors.add(new Problem.FieldError(StorableText.scrub(name), StorableText.flaw(name) + " in the name"));
                continue;
            }
            for (String value : parameter.getValue()) {
                String flaw = StorableText.flaw(value);
                if (flaw != null) {
                    errors.add(new Problem.FieldError(name, flaw));
                    break;
                }
            }
        }
    }
}

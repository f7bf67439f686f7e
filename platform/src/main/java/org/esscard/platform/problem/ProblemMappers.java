package org.esscard.platform.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import org.esscard.platform.revocation.TokenRevoked;
import org.esscard.platform.text.UnstorableTextException;
import org.esscard.platform.tracing.TraceContext;
import org.esscard.problem.FieldPaths;
import org.esscard.problem.Problem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Turns every failure of a REST call into RFC 9457 problem+json: client mistakes into 4xx with a stable
 * code and a message in the caller's language, anything unexpected into a 500 that reveals nothing.
 */
public class ProblemMappers {

    /** The problem member that says how many seconds to wait; it is mirrored in the {@code Retry-After} header. */
    public static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpHeaders headers, UriInfo uri) {
        return respond(e.code(), headers, uri, List.of(), e.extensions(), e.args());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, HttpHeaders headers, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(FieldPaths.of(v), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        String fields = errors.stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
        return respond(PlatformError.VALIDATION_FAILED, headers, uri, errors, Map.of(), fields);
    }

    @ServerExceptionMapper(priority = 1)
    public Response malformedJson(JsonProcessingException e, HttpHeaders headers, UriInfo uri) {
        if (e instanceof UnstorableTextException text) {
            return unstorableText(text, headers, uri);
        }
        if (constraintBroken(e) != null) {
            return inputLimit(constraintBroken(e), headers, uri);
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            errors.add(new Problem.FieldError(FieldPaths.of(mapping.getPath()), e.getOriginalMessage()));
        }
        String where = e.getLocation() == null ? "?" : e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
        return respond(PlatformError.MALFORMED_JSON, headers, uri, errors, Map.of(), where);
    }

    /** A body string PostgreSQL could not store (NUL, an unpaired surrogate): 400 naming the field. */
    private static Response unstorableText(UnstorableTextException e, HttpHeaders headers, UriInfo uri) {
        String field = e.getPath().isEmpty() ? "body" : FieldPaths.of(e.getPath());
        return respond(PlatformError.INVALID_TEXT, headers, uri, List.of(new Problem.FieldError(field, e.getOriginalMessage())),
                Map.of(), field);
    }

    /**
     * A value past Jackson's limits (nesting depth, number or string length, document size): our code and words,
     * never Jackson's text, which names its own configuration ({@code StreamReadConstraints.getMaxStringLength()}).
     */
    private static Response inputLimit(StreamConstraintsException e, HttpHeaders headers, UriInfo uri) {
        String where = e.getLocation() == null ? "?" : e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
        return respond(PlatformError.INPUT_LIMIT_EXCEEDED, headers, uri, List.of(), Map.of(), where);
    }

    /** The parser-limit failure in {@code e}'s causes, or null. */
    static StreamConstraintsException constraintBroken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamConstraintsException constraint) {
                return constraint;
            }
        }
        return null;
    }

    /** Wins over Quarkus' own mapper, which would answer a wrong field type with plain JSON. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e, HttpHeaders headers, UriInfo uri) {
        return malformedJson(e, headers, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpHeaders headers, UriInfo uri) {
        return unauthenticated(headers, uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpHeaders headers, UriInfo uri) {
        if (TokenRevoked.is(e)) {
            // the token is genuine but its session ended: the client must log in again, refreshing will not help
            return Response.fromResponse(respond(PlatformError.TOKEN_REVOKED, headers, uri, List.of(), Map.of()))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                    .build();
        }
        return unauthenticated(headers, uri);
    }

    @ServerExceptionMapper
    public Response authenticationCompletion(AuthenticationCompletionException e, HttpHeaders headers, UriInfo uri) {
        return unauthenticated(headers, uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpHeaders headers, UriInfo uri) {
        return respond(PlatformError.FORBIDDEN, headers, uri, List.of(), Map.of());
    }

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e, HttpHeaders headers, UriInfo uri) {
        return respond(PlatformError.CONFLICT, headers, uri, List.of(), Map.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpHeaders headers, UriInfo uri) {
        Throwable cause = e.getCause();
        if (constraintBroken(e) != null) {
            return inputLimit(constraintBroken(e), headers, uri);
        }
        if (cause instanceof JsonProcessingException json) {
            return malformedJson(json, headers, uri);
        }
        int status = e.getResponse().getStatus();
        if (status == 404 && cause != null && !(cause instanceof WebApplicationException) && uri != null
                && !uri.getQueryParameters().isEmpty()) {
            // JAX-RS answers a query parameter it cannot convert (page=abc) with 404, as if the resource were missing:
            // it is bad input and says so
            String fields = String.join(", ", new java.util.TreeSet<>(uri.getQueryParameters().keySet()));
            return respond(PlatformError.VALIDATION_FAILED, headers, uri, List.of(), Map.of(), fields);
        }
        return respond(PlatformError.forStatus(status), headers, uri, List.of(), Map.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, HttpHeaders headers, UriInfo uri) {
        if (constraintBroken(e) != null) {
            return inputLimit(constraintBroken(e), headers, uri);
        }
        if (databaseUnreachable(e)) {
            // the database is restarting or out of reach: nothing was written, the client may simply try again
            Log.warnf("database unavailable on %s: %s", uri.getPath(), e);
            return respond(PlatformError.SERVICE_UNAVAILABLE, headers, uri, List.of(),
                    Map.of(RETRY_AFTER_SECONDS, DATABASE_RETRY_AFTER_SECONDS));
        }
        Log.errorf(e, "unexpected failure on %s", uri.getPath());
        return respond(PlatformError.INTERNAL_ERROR, headers, uri, List.of(), Map.of());
    }

    private static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    /**
     * Whether {@code e} says the database could not be reached or dropped the connection: a refused connect, a
     * closed connection, or a server state of class 08 (connection exception) or 57P (the server shutting down or
     * starting). Matched by class name and SQL state, so the platform needs no database driver of its own.
     */
    static boolean databaseUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
            String name = t.getClass().getSimpleName();
            if (name.equals("ClosedConnectionException")) {
                return true;
            }
            String state = t instanceof java.sql.SQLException sql ? sql.getSQLState() : sqlState(t);
            if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    private static String sqlState(Throwable t) {
        try {
            Object state = t.getClass().getMethod("getSqlState").invoke(t);
            return state instanceof String s ? s : null;
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            return null;
        }
    }

    private static Response unauthenticated(HttpHeaders headers, UriInfo uri) {
        return Response.fromResponse(respond(PlatformError.UNAUTHORIZED, headers, uri, List.of(), Map.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    /** Builds the problem response for {@code code}; the single place a problem document is made. */
    public static Response respond(ErrorCode code, HttpHeaders headers, UriInfo uri, List<Problem.FieldError> errors,
            Map<String, Object> extensions, Object... args) {
        Locale locale = Messages.locale(headers == null ? List.of() : headers.getAcceptableLanguages());
        Problem problem = new Problem("urn:esscard:problem:" + code.name(), reasonPhrase(code.status()), code.status(),
                Messages.message(code, locale, args), uri == null ? null : uri.getPath(), code.name(), TraceContext.currentTraceId(),
                errors, extensions);
        Response.ResponseBuilder response = Response.status(code.status())
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag())
                .entity(problem);
        // a problem that says when to retry (limits, lockouts, an unavailable vendor) says it in HTTP too,
        // for clients and gateways that never read the body
        if (extensions != null && extensions.get(RETRY_AFTER_SECONDS) instanceof Number seconds) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds.longValue()));
        }
        return response.build();
    }

    /** The title of a problem of {@code status}: its HTTP reason phrase. */
    public static String reasonPhrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return status == 423 ? "Locked" : "Error";
    }
}

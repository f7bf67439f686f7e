package org.esscard.platform.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esscard.platform.problem.ErrorCode;
import org.esscard.platform.problem.Messages;
import org.esscard.platform.problem.PlatformError;
import org.esscard.problem.Problem;
import org.esscard.platform.tracing.TraceContext;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Enforces each route's body limit before any resource runs and answers 413 as problem+json. Quarkus has one limit
 * for all routes ({@code quarkus.http.limits.max-body-size}) and answers it with an empty 413; we refuse earlier,
 * per route, in our words. A body with a length is judged by its header, unread; a chunked one on a small route is
 * read here up to the limit (the REST layer then takes it from memory), so it cannot outgrow the limit either.
 */
@ApplicationScoped
public class BodyLimits {

    /** Before Quarkus' own upload limit (order -2), which would answer first and without a body. */
    private static final int ORDER_CHECK = -3;
    /** After Quarkus' upload limit, before compression and every route of the application. */
    private static final int ORDER_READ_CHUNKED = -1;
    /** A body this much over its limit is not drained to let the client read the answer: the connection closes. */
    private static final long DRAIN_AT_MOST = 8L * 1024 * 1024;
    private static final int DRAIN_SECONDS = 5;

    private final long smallLimit;
    private final long largeLimit;
    private final List<String> largePaths;
    private final ObjectMapper mapper;

    public BodyLimits(HttpLimitsConfig config, @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize quarkusLimit,
            ObjectMapper mapper) {
        this.largeLimit = quarkusLimit.asLongValue();
        this.smallLimit = Math.min(config.maxBodySize().asLongValue(), largeLimit);
        this.largePaths = config.largeBodyPaths().orElse(List.of());
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER_CHECK).handler(this::checkLength);
        router.route().order(ORDER_CHECK).failureHandler(this::answerFailedRead);
        BodyHandler chunked = BodyHandler.create(false).setBodyLimit(smallLimit).setMergeFormAttributes(false);
        router.route().order(ORDER_READ_CHUNKED).handler(ctx -> {
            if (isChunked(ctx) && limitOf(ctx) == smallLimit) {
                chunked.handle(ctx);
            } else {
                ctx.next();
            }
        });
    }

    private void checkLength(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long limit = limitOf(ctx);
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            declared = -1; // Netty refuses a malformed length before we see it; nothing to judge here
        }
        if (declared > limit) {
            tooLarge(ctx, limit, declared > limit + DRAIN_AT_MOST);
            return;
        }
        ctx.next();
    }

    /** The chunked body read here outgrew the limit: BodyHandler fails the request with 413. */
    private void answerFailedRead(RoutingContext ctx) {
        if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
            tooLarge(ctx, limitOf(ctx), false);
        } else {
            ctx.next();
        }
    }

    private long limitOf(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        for (String large : largePaths) {
            if (path.equals(large) || path.startsWith(large.endsWith("/") ? large : large + "/")) {
                return largeLimit;
            }
        }
        return smallLimit;
    }

    private static boolean isChunked(RoutingContext ctx) {
        return ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH) == null && ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private void tooLarge(RoutingContext ctx, long limit, boolean closeAtOnce) {
        Locale locale = Messages.locale(ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        ErrorCode code = PlatformError.PAYLOAD_TOO_LARGE;
        long kib = limit / 1024;
        Problem problem = new Problem("urn:esscard:problem:" + code.name(), "Content Too Large", code.status(),
                Messages.message(code, locale, kib), ctx.normalizedPath(), code.name(), TraceContext.currentTraceId(), List.of(),
                Map.of("maxBodyBytes", limit));
        String json;
        try {
            json = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            json = "{\"status\":413,\"code\":\"PAYLOAD_TOO_LARGE\"}";
        }
        var response = ctx.response().setStatusCode(code.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag())
                // the rest of the body is never read: this connection cannot carry another request
                .putHeader(HttpHeaders.CONNECTION, "close");
        if (closeAtOnce) {
            // an end handler of the context, not of the response: it must not replace the others (AdmissionControl's)
            ctx.addEndHandler(done -> ctx.request().connection().close());
        } else if (!ctx.request().isEnded()) {
            // read and drop what is still coming, so the client gets to read the answer instead of a reset; a body
            // that never ends (chunked) gets a few seconds, then the connection closes
            var connection = ctx.request().connection();
            ctx.request().handler(ignored -> { }).resume();
            ctx.vertx().setTimer(DRAIN_SECONDS * 1000L, timer -> connection.close());
        }
        response.end(json);
    }
}

package org.esscard.platform.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.esscard.platform.problem.ErrorCode;
import org.esscard.platform.problem.Messages;
import org.esscard.platform.problem.PlatformError;
import org.esscard.problem.Problem;
import org.esscard.platform.problem.ProblemMappers;
import org.esscard.platform.problem.RetryAfter;
import org.esscard.platform.tracing.TraceContext;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Admission control (issue 14): at most {@link #limit()} requests in flight; one more is answered at once with 503
 * {@code SERVICE_OVERLOADED} and {@code Retry-After}, before any work (token, body, database) is spent on it, and never
 * queued. Health and metrics paths are neither refused nor counted. A place is given back when the response ends or
 * the connection closes first (a client that hangs up mid-request), whichever comes first, once.
 *
 * <p>Why our own and not Quarkus' {@code quarkus-load-shedding}: that extension (experimental) adapts its limit by
 * TCP Vegas instead of holding a configured bound, answers an empty 503 without {@code Retry-After} and closes the
 * connection, and counts nothing; SmallRye Fault Tolerance's {@code @Bulkhead} guards one method, after the REST layer
 * has verified the token; {@code quarkus.http.limits.max-connections} bounds connections, not requests. The seam is
 * the same as that extension's: a route handler ahead of every other (docs/ARCHITECTURE.md, Admission control).
 */
@ApplicationScoped
public class AdmissionControl {

    /** Ahead of every route of Quarkus and of ours (BodyLimits is at -3); the order Quarkus' load shedding takes. */
    static final int ORDER = -1_000_000_000;
    /** Metric names (Prometheus: {@code esscard_http_shed_total}, {@code esscard_http_in_flight}, {@code esscard_http_in_flight_limit}). */
    public static final String SHED = "esscard.http.shed";
    public static final String IN_FLIGHT = "esscard.http.in.flight";
    public static final String LIMIT = "esscard.http.in.flight.limit";
    /** A refused request's body is dropped for this long at most, then its connection closes. */
    private static final int DRAIN_SECONDS = 5;

    private final boolean enabled;
    private final int limit;
    private final RetryAfter retryAfter;
    private final List<String> exemptPaths;
    private final ObjectMapper mapper;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter shed;

    public AdmissionControl(HttpLimitsConfig config, MeterRegistry registry, ObjectMapper mapper) {
        HttpLimitsConfig.Admission admission = config.admission();
        this.enabled = admission.enabled();
        this.limit = Math.max(1, admission.maxInFlight().orElse(admission.maxInFlightPerCore() * Runtime.getRuntime().availableProcessors()));
        this.retryAfter = RetryAfter.of(admission.retryAfter());
        this.exemptPaths = admission.exemptPaths();
        this.mapper = mapper;
        this.shed = Counter.builder(SHED).description("Requests refused with 503 SERVICE_OVERLOADED: the service had its limit of requests in flight")
                .register(registry);
        Gauge.builder(IN_FLIGHT, inFlight, AtomicInteger::get).description("Requests admitted and not yet answered").register(registry);
        Gauge.builder(LIMIT, () -> limit).description("Requests in flight at most (esscard.http.admission.max-in-flight)").register(registry);
    }

    void install(@Observes Router router) {
        if (!enabled) {
            Log.info("Admission control is off (esscard.http.admission.enabled=false): every request is admitted");
            return;
        }
        Log.infof("Admission control: at most %d requests in flight, beyond that 503 with Retry-After: %d", limit, retryAfter.seconds());
        router.route().order(ORDER).handler(this::admit);
    }

    /** The limit this service runs with. */
    public int limit() {
        return limit;
    }

    /** Requests admitted and not yet answered. */
    public int inFlight() {
        return inFlight.get();
    }

    private void admit(RoutingContext ctx) {
        if (exempt(ctx.normalizedPath())) {
            ctx.next();
            return;
        }
        if (!tryAcquire()) {
            shed.increment();
            refuse(ctx);
            return;
        }
        // the context's end handlers run once, on the response's end, its failure or the connection's close
        ctx.addEndHandler(done -> inFlight.decrementAndGet());
        ctx.next();
    }

    private boolean tryAcquire() {
        for (int now = inFlight.get(); now < limit; now = inFlight.get()) {
            if (inFlight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
        return false;
    }

    private boolean exempt(String path) {
        for (String exempt : exemptPaths) {
            if (path.equals(exempt) || path.startsWith(exempt.endsWith("/") ? exempt : exempt + "/")) {
                return true;
            }
        }
        return false;
    }

    private void refuse(RoutingContext ctx) {
        Locale locale = Messages.locale(ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        ErrorCode code = PlatformError.SERVICE_OVERLOADED;
        Problem problem = new Problem("urn:esscard:problem:" + code.name(), "Service Unavailable", code.status(),
                Messages.message(code, locale, retryAfter.amount(), retryAfter.unit()), ctx.normalizedPath(), code.name(),
                TraceContext.currentTraceId(), List.of(), Map.of(ProblemMappers.RETRY_AFTER_SECONDS, retryAfter.seconds()));
        String json;
        try {
            json = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            json = "{\"status\":503,\"code\":\"SERVICE_OVERLOADED\"}";
        }
        var response = ctx.response().setStatusCode(code.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag())
                .putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter.seconds()))
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (hasBody(ctx)) {
            // its body is not parsed (that is work too): the connection carries no other request after this answer. What
            // is still coming is read and dropped, so the client gets to read the answer instead of a reset, as BodyLimits does
            response.putHeader(HttpHeaders.CONNECTION, "close");
            var connection = ctx.request().connection();
            ctx.request().handler(ignored -> { }).resume();
            ctx.vertx().setTimer(DRAIN_SECONDS * 1000L, timer -> connection.close());
        }
        response.end(json);
    }

    /** A body is coming (or came, unread) when the request says so: a length other than 0, or chunks. */
    private static boolean hasBody(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        return ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null || (length != null && !"0".equals(length.trim()));
    }
}

package org.esscard.platform.tracing;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * The W3C trace context ({@code traceparent}) where it leaves the process's own context: stored with an outbox row,
 * set as a Kafka header and as the CloudEvents {@code traceparent} extension, read back by consumers and by the work
 * they leave for later (notification-service's deliveries). Formatting and parsing are OpenTelemetry's own
 * propagator's; this class only moves the one header between a {@link Context} and a string.
 */
public final class TraceContext {

    /** The header and CloudEvents extension attribute (CloudEvents Distributed Tracing extension). */
    public static final String TRACEPARENT = "traceparent";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapSetter<Map<String, String>> MAP_SETTER = (carrier, key, value) -> carrier.put(key, value);
    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceContext() {
    }

    /** The {@code traceparent} of the current span, or null when there is none. */
    public static String current() {
        return of(Context.current());
    }

    /** The {@code traceparent} of {@code context}'s span, or null when it has none. */
    public static String of(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(context, carrier, MAP_SETTER);
        return carrier.get(TRACEPARENT);
    }

    /** The {@code traceparent} of {@code span}, or null when it is not a valid span. */
    public static String of(Span span) {
        return of(Context.root().with(span));
    }

    /** A context whose parent span is {@code traceparent}'s; the root context when it is null or not a traceparent. */
    public static Context parent(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3C.extract(Context.root(), Map.of(TRACEPARENT, traceparent), MAP_GETTER);
    }

    /** Whether {@code traceparent} names a valid span. */
    public static boolean valid(String traceparent) {
        return Span.fromContext(parent(traceparent)).getSpanContext().isValid();
    }

    /** The last {@code traceparent} header of a Kafka record, or null. */
    public static String fromHeaders(Headers headers) {
        Header header = headers == null ? null : headers.lastHeader(TRACEPARENT);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
    }

    /** Sets {@code span}'s context as the record's {@code traceparent} header (replacing one already there). */
    public static void toHeaders(Span span, Headers headers) {
        String traceparent = of(span);
        headers.remove(TRACEPARENT);
        if (traceparent != null) {
            headers.add(TRACEPARENT, traceparent.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** A span builder under {@code traceparent} (a new trace when it is null): for work that resumes a stored context. */
    public static SpanBuilder under(SpanBuilder builder, String traceparent) {
        Context parent = parent(traceparent);
        return Span.fromContext(parent).getSpanContext().isValid() ? builder.setParent(parent) : builder.setNoParent();
    }

    /** The trace id of the current span, or null: what a problem document and a log line give to quote. */
    public static String currentTraceId() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? context.getTraceId() : null;
    }

    /** Runs {@code work} with {@code span} current. */
    public static <T> T within(Span span, Supplier<T> work) {
        try (var ignored = span.makeCurrent()) {
            return work.get();
        }
    }
}

package org.esscard.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * An OTLP/HTTP receiver of the tests' own (what an OpenTelemetry Collector is in production): the services export their
 * spans to {@code POST /v1/traces} as protobuf, and the tests read them back by trace id.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One span as the receiver got it. */
    record ReceivedSpan(String service, String name, String kind, String traceId, String spanId, String parentSpanId,
            List<String> attributes) {
        boolean hasAttribute(String key, String value) {
            return attributes.contains(key + "=" + value);
        }
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    OtlpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/v1/traces", this::traces);
        server.start();
    }

    /** The base URL to give as {@code quarkus.otel.exporter.otlp.traces.endpoint}. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spansOf(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    private void traces(HttpExchange exchange) throws IOException {
        try (exchange) {
            InputStream body = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body.readAllBytes());
            for (ResourceSpans resource : request.getResourceSpansList()) {
                String service = resource.getResource().getAttributesList().stream()
                        .filter(a -> a.getKey().equals("service.name")).map(a -> a.getValue().getStringValue())
                        .findFirst().orElse("?");
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    for (var span : scope.getSpansList()) {
                        List<String> attributes = new ArrayList<>();
                        for (KeyValue kv : span.getAttributesList()) {
                            var v = kv.getValue();
                            attributes.add(kv.getKey() + "=" + (v.hasStringValue() ? v.getStringValue()
                                    : v.hasIntValue() ? String.valueOf(v.getIntValue()) : v.toString().strip()));
                        }
                        spans.add(new ReceivedSpan(service, span.getName(), span.getKind().name().replace("SPAN_KIND_", ""),
                                hex(span.getTraceId().toByteArray()), hex(span.getSpanId().toByteArray()),
                                hex(span.getParentSpanId().toByteArray()), attributes));
                    }
                }
            }
            byte[] empty = new byte[0];
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.getResponseBody().write(empty);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

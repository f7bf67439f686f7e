package org.esscard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.esscard.platform.testing.QuarkusAppProcess;
import org.esscard.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Property-based fuzzing of the whole HTTP surface (issue 13, item 14): every operation of every service's OpenAPI
 * document gets schema-shaped and mutated requests (NUL and lone surrogates, huge numbers, wrong types, odd path
 * parameters, broken bodies), with and without a token of each group. The property: no answer is a 5xx and every
 * request is answered. Generation is deterministic from a seed ({@code -Desscard.fuzz.seed}), printed with every
 * failing request, so a failure is replayed by running again with that seed.
 *
 * <p>Hand-written rather than jqwik: the build runs on JUnit Platform 6, which jqwik 1.9 does not support, and
 * jqwik 1.10 carries a usage clause against automated agents. Shrinking is not needed: a failure is one request.
 */
class OpenApiFuzzIT {

    private static final long SEED = Long.getLong("esscard.fuzz.seed", 20261313L);
    private static final int REQUESTS = Integer.getInteger("esscard.fuzz.requests", 1500);
    private static final int PARALLEL = 4;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Every non-ASCII character, lone surrogates included, goes out as a JSON escape, as a hostile client may send. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    /** Strings a client would send; staff usernames are left out so no staff account is locked for other tests. */
    private static final List<String> GOOD_STRINGS = new ArrayList<>(List.of("SMITH JOHN-PAUL", Authority.PASSPORT,
            "13800138000", "6222021234567890128", "258147", "Fuzz#20261", HolderApp.LIVENESS_TICKET, "REGISTRATION",
            "GBR", "B", "Shanghai", "123456", "W3101202400012345"));
    private static final List<String> BAD_STRINGS = List.of("\u0000", "a\u0000b", "\uD800", "x\uDFFF", "\uD83D", "", " ",
            "x".repeat(5000), "../../etc/passwd", "' OR '1'='1' --", "%00", "\uFFFF\uFFFE", "\uD83D\uDE00", "${jndi:ldap://x/a}",
            "null", "-1", "1e400", "\u202Eevil", "<script>alert(1)</script>", "\r\nX-Injected: 1");
    /** Path and query values already percent-encoded, some of them not valid UTF-8 or not valid at all. */
    private static final List<String> BAD_ENCODED = List.of("%00", "a%00", "%ED%A0%80", "%C3%28", "%FF%FE", "..%2F..%2Fq",
            "%20", "-1", "0", "99999999999999999999999", "9223372036854775808", "1.5", "true", "%25", "null", "x".repeat(300),
            "%F0%9F%98%80", "%E2%80%AE", "%0D%0AX-Injected:%201");
    private static final List<Object> BAD_NUMBERS = List.of(new java.math.BigInteger("99999999999999999999999999999"),
            -1, 0, 2147483648L, Long.MIN_VALUE, 0.5, 1e308, -0.0);
    private static final List<String> RAW_BODIES = List.of("", "{", "[]", "null", "\"text\"", "{\"a\":", "{}", "[{}]", "1e400",
            "{\"a\":1,\"a\":2}", "[".repeat(60) + "]".repeat(60), "{\"x\":\"\\u0000\"}", "{\"x\":\"\\ud800\"}", "\u0000");

    private record Operation(QuarkusAppProcess service, String method, String path, List<JsonNode> parameters,
            String mediaType, JsonNode bodySchema) {
        String name() {
            return method.toUpperCase() + " " + path;
        }
    }

    private record Fuzzed(int index, Operation operation, String url, String tokenGroup, String token, String contentType,
            byte[] body, String xff, String language) {
        String describe() {
            String text = body == null ? "(no body)" : new String(body, StandardCharsets.UTF_8);
            if (text.length() > 600) {
                text = text.substring(0, 600) + "... (" + body.length + " bytes)";
            }
            return "#" + index + " " + operation.method().toUpperCase() + " " + url + "  [token " + tokenGroup + ", content-type "
                    + contentType + ", X-Forwarded-For " + xff + "]\n      body: " + text.replace("\u0000", "\\u0000");
        }
    }

    private final Random random = new Random(SEED);
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final List<String> uuids = new ArrayList<>();
    private RunningSuite suite;
    private JsonNode currentDocument;

    @Test
    void everyOperationOfEveryServiceAnswersWithoutA5xx() throws Exception {
        suite = RunningSuite.get();
        prepare();
        List<Operation> operations = new ArrayList<>();
        Map<Operation, JsonNode> documents = new LinkedHashMap<>();
        for (QuarkusAppProcess service : suite.services()) {
            JsonNode document = JSON.readTree(HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(service.url("/q/openapi?format=json"))).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            for (Operation operation : operations(service, document)) {
                operations.add(operation);
                documents.put(operation, document);
            }
        }
        assertThat(operations).as("operations in the OpenAPI documents").hasSizeGreaterThan(40);

        List<Fuzzed> requests = new ArrayList<>(REQUESTS);
        for (int i = 0; i < REQUESTS; i++) {
            Operation operation = operations.get(i % operations.size());
            currentDocument = documents.get(operation);
            requests.add(fuzz(i, operation));
        }

        long started = System.nanoTime();
        Map<String, String> failures = new TreeMap<>();
        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Fuzzed request : requests) {
                done.add(pool.submit(() -> {
                    String outcome;
                    try {
                        HttpResponse<String> answer = client.send(build(request), HttpResponse.BodyHandlers.ofString());
                        outcome = String.valueOf(answer.statusCode());
                        if (answer.statusCode() >= 500) {
                            String body = answer.body() == null ? "" : answer.body();
                            synchronized (failures) {
                                failures.put(String.format("%05d", request.index()), request.describe() + "\n      -> "
                                        + answer.statusCode() + " " + body.substring(0, Math.min(300, body.length())));
                            }
                        }
                    } catch (Exception e) {
                        outcome = "no answer";
                        synchronized (failures) {
                            failures.put(String.format("%05d", request.index()), request.describe() + "\n      -> no answer: " + e);
                        }
                    }
                    statuses.computeIfAbsent(request.operation().service().name() + " " + outcome, k -> new AtomicInteger())
                            .incrementAndGet();
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("fuzz: seed %d, %d requests to %d operations in %d ms; answers: %s%n", SEED, requests.size(),
                operations.size(), (System.nanoTime() - started) / 1_000_000, new TreeMap<>(statuses));
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " of " + requests.size() + " requests answered 5xx or not at all (seed "
                    + SEED + "; rerun with -Desscard.fuzz.seed=" + SEED + "):\n  " + String.join("\n  ", failures.values()));
        }
    }

    /** A holder with a bound permit, PIN and step-up, and a token of each group; their ids feed the generator. */
    private void prepare() {
        Authority authority = new Authority(suite);
        String permit = authority.issue("FUZZ HOLDER");
        HolderApp app = new HolderApp(suite, "FUZZ HOLDER", permit, "Fuzz#20261", "en");
        // account-service learns of the permit from Kafka: retry until it has
        java.util.concurrent.atomic.AtomicReference<HolderApp.Registration> registered = new java.util.concurrent.atomic.AtomicReference<>();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> registered.set(app.register(null)));
        HolderApp.Registration started = registered.get();
        app.face(started.session("REGISTRATION")).statusCode(200);
        app.awaitActive(started.accountId());
        app.login().statusCode(200);
        app.setPin("258147").statusCode(204);
        app.enterPin("258147").statusCode(200);
        GOOD_STRINGS.add(permit);
        GOOD_STRINGS.add("FUZZ HOLDER");
        GOOD_STRINGS.add(app.refreshToken);
        uuids.add(started.accountId());
        started.sessions().values().forEach(uuids::add);
        String qr = app.permitService("/qr").statusCode(200).extract().path("text");
        GOOD_STRINGS.add(qr);

        tokens.put("none", null);
        tokens.put("holder", app.accessToken);
        tokens.put("holder-step-up", app.stepUpToken);
        tokens.put("holder-minted", TestTokens.holder(started.accountId(), permit));
        tokens.put("authority", suite.staffLogin("authority", "Authority#2026"));
        tokens.put("officer", suite.staffLogin("officer", "Officer#2026"));
        tokens.put("support", suite.staffLogin("support", "Support#2026"));
        tokens.put("service", TestTokens.staff("service"));
        tokens.put("expired", TestTokens.expired("holder"));
        tokens.put("garbage", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
    }

    private static List<Operation> operations(QuarkusAppProcess service, JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                List<JsonNode> parameters = new ArrayList<>();
                path.getValue().path("parameters").forEach(parameters::add);
                operation.path("parameters").forEach(parameters::add);
                String mediaType = null;
                JsonNode schema = null;
                JsonNode content = operation.path("requestBody").path("content");
                Iterator<String> types = content.fieldNames();
                while (types.hasNext()) {
                    String type = types.next();
                    if (mediaType == null || type.contains("json")) {
                        mediaType = type;
                        schema = content.path(type).path("schema");
                    }
                }
                operations.add(new Operation(service, method, path.getKey(), parameters, mediaType, schema));
            }
        }
        return operations;
    }

    // --- generation -----------------------------------------------------------------------------------------------

    private Fuzzed fuzz(int index, Operation operation) {
        boolean mutate = random.nextInt(100) < 60;
        String path = operation.path();
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : operation.parameters()) {
            String in = parameter.path("in").asText();
            String name = parameter.path("name").asText();
            JsonNode schema = resolve(parameter.path("schema"));
            if (in.equals("path")) {
                path = path.replace("{" + name + "}", parameterValue(schema, mutate && random.nextBoolean()));
            } else if (in.equals("query") && random.nextInt(100) < 70) {
                query.append(query.isEmpty() ? '?' : '&').append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                        .append(parameterValue(schema, mutate && random.nextBoolean()));
            }
        }
        if (mutate && random.nextInt(10) == 0) {
            query.append(query.isEmpty() ? '?' : '&').append(pick(BAD_ENCODED)).append('=').append(pick(BAD_ENCODED));
        }
        List<String> groups = new ArrayList<>(tokens.keySet());
        String group = groups.get(random.nextInt(groups.size()));

        String contentType = operation.mediaType();
        byte[] body = null;
        if (operation.mediaType() != null || (mutate && random.nextInt(8) == 0)) {
            int shape = random.nextInt(100);
            if (mutate && shape < 12) {
                body = pick(RAW_BODIES).getBytes(StandardCharsets.UTF_8);
            } else if (mutate && shape < 15) {
                body = new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}' };
            } else if (operation.mediaType() != null && !operation.mediaType().contains("json")) {
                body = textBody(mutate).getBytes(StandardCharsets.UTF_8);
            } else {
                JsonNode value = generate(operation.bodySchema(), 0);
                if (mutate) {
                    value = mutateSomewhere(value);
                }
                body = write(value);
            }
            if (mutate && random.nextInt(12) == 0) {
                contentType = random.nextBoolean() ? "text/plain" : "application/json; charset=ISO-8859-1";
            }
            if (contentType == null) {
                contentType = "application/json";
            }
        }
        String xff = "10.213." + random.nextInt(256) + "." + (1 + random.nextInt(254));
        String language = random.nextBoolean() ? "en" : "zh-CN";
        return new Fuzzed(index, operation, operation.service().url(path + query), group, tokens.get(group), contentType, body,
                xff, language);
    }

    /** A path or query value, percent-encoded: one shaped by its schema, or a hostile one. */
    private String parameterValue(JsonNode schema, boolean hostile) {
        if (hostile) {
            return random.nextBoolean() ? pick(BAD_ENCODED) : URLEncoder.encode(scrubForUrl(pick(BAD_STRINGS)), StandardCharsets.UTF_8);
        }
        JsonNode value = generate(schema, 3);
        String text = value.isTextual() ? value.textValue() : value.toString();
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Java's URL encoder turns a lone surrogate into "?"; the raw NUL and the rest go as they are. */
    private static String scrubForUrl(String text) {
        return text.length() > 400 ? text.substring(0, 400) : text;
    }

    private String textBody(boolean mutate) {
        String header = "permitNumber,holderName,passportNumber,nationality,employer,position,workCity,talentCategory,issueDate,validUntil";
        String line = "E" + (10_000_000_000_000L + random.nextInt(1_000_000)) + ",FUZZ IMPORT,533380006,GBR,Example Co.,Engineer,Shanghai,B,"
                + "2025-01-01," + LocalDate.now().plusYears(1);
        if (mutate) {
            line = line.replace("FUZZ IMPORT", pick(BAD_STRINGS).replace(",", ";"));
        }
        return random.nextBoolean() ? header + "\n" + line + "\n" : "{\"permitNumber\":\"E1\",\"holderName\":\"\\u0000\"}\n";
    }

    private JsonNode generate(JsonNode schema, int depth) {
        schema = resolve(schema);
        if (schema == null || schema.isMissingNode()) {
            return NODES.textNode(pick(GOOD_STRINGS));
        }
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            if (schema.has(combinator) && schema.get(combinator).size() > 0) {
                return generate(schema.get(combinator).get(0), depth);
            }
        }
        if (schema.has("enum")) {
            JsonNode values = schema.get("enum");
            return values.get(random.nextInt(values.size()));
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        String format = schema.path("format").asText("");
        switch (type) {
            case "integer":
                long min = schema.has("minimum") ? schema.get("minimum").asLong() : 0;
                long max = schema.has("maximum") ? schema.get("maximum").asLong() : min + 50;
                return NODES.numberNode(min + (long) (random.nextDouble() * Math.max(1, max - min)));
            case "number":
                return NODES.numberNode(random.nextDouble() * 100);
            case "boolean":
                return NODES.booleanNode(random.nextBoolean());
            case "array": {
                ArrayNode array = NODES.arrayNode();
                int items = depth > 3 ? 0 : random.nextInt(3);
                for (int i = 0; i < items; i++) {
                    array.add(generate(schema.path("items"), depth + 1));
                }
                return array;
            }
            case "object": {
                ObjectNode object = NODES.objectNode();
                if (depth > 4) {
                    return object;
                }
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                schema.path("properties").fields().forEachRemaining(property -> {
                    if (required.contains(property.getKey()) || random.nextInt(100) < 70) {
                        object.set(property.getKey(), generate(property.getValue(), depth + 1));
                    }
                });
                if (schema.path("additionalProperties").isObject() && object.isEmpty()) {
                    object.set(pick(GOOD_STRINGS), generate(schema.get("additionalProperties"), depth + 1));
                }
                return object;
            }
            default:
                return NODES.textNode(switch (format) {
                    case "uuid" -> uuids.isEmpty() || random.nextInt(3) == 0 ? UUID.randomUUID().toString() : pick(uuids);
                    case "date" -> LocalDate.now().plusDays(random.nextInt(800) - 100).toString();
                    case "date-time" -> java.time.Instant.now().plusSeconds(random.nextInt(100_000)).toString();
                    default -> pick(GOOD_STRINGS);
                });
        }
    }

    /** One value somewhere in {@code value} swapped for a hostile one (or the whole of it). */
    private JsonNode mutateSomewhere(JsonNode value) {
        if (!(value instanceof ObjectNode || value instanceof ArrayNode) || value.isEmpty() || random.nextInt(5) == 0) {
            return hostile();
        }
        if (value instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = pick(names);
            object.set(name, mutateSomewhere(object.get(name)));
            if (random.nextInt(6) == 0) {
                object.set(pick(BAD_STRINGS), hostile());
            }
            return object;
        }
        ArrayNode array = (ArrayNode) value;
        int at = random.nextInt(array.size());
        array.set(at, mutateSomewhere(array.get(at)));
        return array;
    }

    private JsonNode hostile() {
        return switch (random.nextInt(6)) {
            case 0, 1, 2 -> NODES.textNode(pick(BAD_STRINGS));
            case 3 -> JSON.valueToTree(pick(BAD_NUMBERS));
            case 4 -> random.nextBoolean() ? NODES.objectNode().put("x", pick(BAD_STRINGS)) : NODES.arrayNode().add(1).add("\u0000");
            default -> random.nextBoolean() ? NODES.nullNode() : NODES.booleanNode(true);
        };
    }

    private JsonNode resolve(JsonNode schema) {
        for (int hops = 0; schema != null && schema.has("$ref") && hops < 10; hops++) {
            String ref = schema.get("$ref").asText();
            schema = currentDocument.at(ref.substring(1));
        }
        return schema;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static byte[] write(JsonNode value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // --- sending --------------------------------------------------------------------------------------------------

    private static HttpRequest build(Fuzzed request) {
        HttpRequest.BodyPublisher body = request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.url())).timeout(ANSWER_WITHIN)
                .method(request.operation().method().toUpperCase(), body)
                .header("X-Forwarded-For", request.xff())
                .header("Accept-Language", request.language());
        if (request.contentType() != null && request.body() != null) {
            builder.header("Content-Type", request.contentType());
        }
        if (request.token() != null) {
            builder.header("Authorization", "Bearer " + request.token());
        }
        return builder.build();
    }
}

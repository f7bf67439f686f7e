package org.esscard.platform.openapi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.esscard.platform.problem.ErrorCode;
import org.esscard.platform.problem.Messages;
import org.esscard.platform.problem.PlatformError;
import org.esscard.problem.Problem;
import org.esscard.platform.problem.ProblemMappers;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Documents every error an operation can answer, as the problem mappers answer it: the {@code Problem} schema
 * component, and per operation one response per status whose {@code application/problem+json} content has an
 * example per code (the English message of the code's bundle). The platform's codes are added from what the
 * operation is: every one may be refused by the gateway's rate (429) or the admission control (503
 * SERVICE_OVERLOADED) and may fail (500, 503); one with a body may be malformed, invalid or too large; a secured one
 * may be unauthenticated, revoked or forbidden. The domain codes an operation answers are named on it, and only
 * there: {@code @Extension(name = "x-problem-codes", value = "PERMIT_NOT_FOUND PERMIT_VERSION_CONFLICT")}, looked up
 * in the service's error enums ({@code esscard.openapi.error-codes}); an unknown name stops the start.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUN)
public class ProblemResponses implements OASFilter {

    /** The operation extension that names its domain codes, separated by spaces; removed from the document. */
    public static final String CODES_EXTENSION = "x-problem-codes";

    /** The schema component every error response refers to. */
    public static final String PROBLEM_SCHEMA = "Problem";

    static final String FIELD_ERROR_SCHEMA = "ProblemFieldError";
    static final String EXAMPLE_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static final Pattern ARGUMENT = Pattern.compile("\\{\\d+(,[^{}]*)?}");

    private static final List<ErrorCode> EVERY_OPERATION = List.of(PlatformError.TOO_MANY_REQUESTS, PlatformError.INTERNAL_ERROR,
            PlatformError.SERVICE_UNAVAILABLE, PlatformError.SERVICE_OVERLOADED);
    private static final List<ErrorCode> JSON_BODY = List.of(PlatformError.MALFORMED_JSON, PlatformError.VALIDATION_FAILED,
            PlatformError.INVALID_TEXT, PlatformError.INPUT_LIMIT_EXCEEDED);
    private static final List<ErrorCode> ANY_BODY = List.of(PlatformError.PAYLOAD_TOO_LARGE, PlatformError.UNSUPPORTED_MEDIA_TYPE);
    private static final List<ErrorCode> SECURED = List.of(PlatformError.UNAUTHORIZED, PlatformError.TOKEN_REVOKED,
            PlatformError.FORBIDDEN);

    private final Map<String, ErrorCode> domainCodes = new LinkedHashMap<>();

    public ProblemResponses() {
        Optional<String[]> enums = ConfigProvider.getConfig().getOptionalValue("esscard.openapi.error-codes", String[].class);
        for (String name : enums.orElse(new String[0])) {
            for (ErrorCode code : errorEnum(name)) {
                domainCodes.put(code.name(), code);
            }
        }
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSchema(PROBLEM_SCHEMA, problemSchema());
        components.addSchema(FIELD_ERROR_SCHEMA, fieldErrorSchema());
        boolean securedByDefault = openAPI.getSecurity() != null && !openAPI.getSecurity().isEmpty();
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
                document(path, entry.getValue(), securedByDefault);
            }
        });
    }

    private void document(String path, Operation operation, boolean securedByDefault) {
        List<ErrorCode> codes = new ArrayList<>(domainCodesOf(operation));
        if (operation.getRequestBody() != null) {
            Content body = operation.getRequestBody().getContent();
            if (body != null && body.getMediaTypes() != null
                    && body.getMediaTypes().keySet().stream().anyMatch(type -> type.equals("application/json") || type.endsWith("+json"))) {
                codes.addAll(JSON_BODY);
            }
            codes.addAll(ANY_BODY);
        } else if (operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY)) {
            // a query parameter that does not convert (page=abc) is bad input, not a missing resource
            codes.add(PlatformError.VALIDATION_FAILED);
        }
        boolean secured = operation.getSecurity() == null ? securedByDefault : !operation.getSecurity().isEmpty();
        if (secured) {
            codes.addAll(SECURED);
        }
        codes.addAll(EVERY_OPERATION);

        Map<Integer, List<ErrorCode>> byStatus = new TreeMap<>();
        for (ErrorCode code : codes) {
            List<ErrorCode> ofStatus = byStatus.computeIfAbsent(code.status(), s -> new ArrayList<>());
            if (ofStatus.stream().noneMatch(c -> c.name().equals(code.name()))) {
                ofStatus.add(code);
            }
        }
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        // an error response the scanner added by itself (400 for constrained parameters, 401 and 403 for roles) gets
        // the platform code the mappers answer it with
        if (responses.getAPIResponses() != null) {
            for (String status : responses.getAPIResponses().keySet()) {
                if (status.matches("[45]\\d\\d") && !byStatus.containsKey(Integer.valueOf(status))) {
                    int code = Integer.parseInt(status);
                    byStatus.put(code, new ArrayList<>(List.of(code == 400 ? PlatformError.VALIDATION_FAILED : PlatformError.forStatus(code))));
                }
            }
        }
        byStatus.forEach((status, ofStatus) -> responses.addAPIResponse(String.valueOf(status), response(path, status, ofStatus)));
        operation.removeExtension(CODES_EXTENSION);
    }

    private List<ErrorCode> domainCodesOf(Operation operation) {
        Object names = operation.getExtensions() == null ? null : operation.getExtensions().get(CODES_EXTENSION);
        if (names == null) {
            return List.of();
        }
        List<ErrorCode> codes = new ArrayList<>();
        for (String name : names.toString().trim().split("[\\s,]+")) {
            ErrorCode code = domainCodes.get(name);
            if (code == null) {
                code = Arrays.stream(PlatformError.values()).filter(p -> p.name().equals(name)).findFirst()
                        .orElseThrow(() -> new IllegalStateException("operation " + operation.getOperationId() + " names "
                                + CODES_EXTENSION + " " + name + ", which is no code of this service (esscard.openapi.error-codes: "
                                + String.join(", ", domainCodes.keySet()) + ") nor of the platform"));
            }
            codes.add(code);
        }
        return codes;
    }

    private static APIResponse response(String path, int status, List<ErrorCode> codes) {
        MediaType problem = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA));
        for (ErrorCode code : codes) {
            problem.addExample(code.name(), OASFactory.createExample()
                    .summary(code.name())
                    .value(example(path, code)));
        }
        APIResponse response = OASFactory.createAPIResponse()
                .description(ProblemMappers.reasonPhrase(status) + ": " + String.join(", ", codes.stream().map(ErrorCode::name).toList()))
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, problem));
        if (status == 429 || status == 503) {
            response.addHeader("Retry-After", OASFactory.createHeader()
                    .description("Seconds to wait before trying again (also the problem's retryAfterSeconds where it has one)")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        }
        if (status == 401) {
            response.addHeader("WWW-Authenticate", OASFactory.createHeader()
                    .description("Bearer (with error=\"invalid_token\" for TOKEN_REVOKED)")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        }
        return response;
    }

    /** The problem document the mappers write for {@code code}, its message's arguments shown as an ellipsis. */
    static Map<String, Object> example(String path, ErrorCode code) {
        String message = Messages.message(code, Locale.ENGLISH);
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "urn:esscard:problem:" + code.name());
        example.put("title", ProblemMappers.reasonPhrase(code.status()));
        example.put("status", code.status());
        example.put("detail", ARGUMENT.matcher(message).replaceAll("…").replace("''", "'"));
        example.put("instance", path);
        example.put("code", code.name());
        example.put("traceId", EXAMPLE_TRACE_ID);
        return example;
    }

    /** The schema of {@link Problem}, member for member. */
    static Schema problemSchema() {
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details (application/problem+json). Branch on code; show detail, in the"
                        + " language asked for with Accept-Language (zh-CN or en); quote traceId to support. Some codes add"
                        + " members, e.g. retryAfterSeconds (also the Retry-After header), remainingAttempts, nextMethods, rule.")
                .addProperty("type", string("urn:esscard:problem:<code>").format("uri"))
                .addProperty("title", string("The HTTP status' reason phrase"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                        .description("The HTTP status"))
                .addProperty("detail", string("What went wrong and what to do, for people, in the request's language"))
                .addProperty("instance", string("The path of the request").format("uri-reference"))
                .addProperty("code", string("The stable machine code clients branch on, e.g. PERMIT_NOT_FOUND"))
                .addProperty("traceId", string("The request's trace id, for the hotline or support to find its logs and spans"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .description("The invalid fields of a VALIDATION_FAILED, MALFORMED_JSON or INVALID_TEXT")
                        .items(OASFactory.createSchema().ref(FIELD_ERROR_SCHEMA)))
                .required(List.of("type", "title", "status", "detail", "code"))
                .additionalPropertiesBoolean(Boolean.TRUE);
    }

    private static Schema fieldErrorSchema() {
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("One invalid field of a request")
                .addProperty("field", string("The field's path in the body, or the parameter's name"))
                .addProperty("message", string("What is wrong with it"))
                .required(List.of("field", "message"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }

    @SuppressWarnings("unchecked")
    private static List<ErrorCode> errorEnum(String className) {
        try {
            Class<?> type = Class.forName(className.trim(), true, Thread.currentThread().getContextClassLoader());
            if (!type.isEnum() || !ErrorCode.class.isAssignableFrom(type)) {
                throw new IllegalStateException("esscard.openapi.error-codes: " + className + " is not an enum of ErrorCode");
            }
            return Arrays.asList(((Class<? extends ErrorCode>) type).getEnumConstants());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("esscard.openapi.error-codes: no class " + className, e);
        }
    }
}

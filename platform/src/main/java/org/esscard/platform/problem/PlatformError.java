package org.esscard.platform.problem;

/** Errors every service can answer, whatever its domain. */
public enum PlatformError implements ErrorCode {
    MALFORMED_JSON(400),
    VALIDATION_FAILED(400),
    INVALID_TEXT(400),
    BAD_REQUEST(400),
    /** A JSON value past the parser's limits (nesting, number or string length): said in our words, not Jackson's. */
    INPUT_LIMIT_EXCEEDED(400),
    UNAUTHORIZED(401),
    TOKEN_REVOKED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    CONFLICT(409),
    /** A body over its route's limit (64 KiB but for imports); answered by BodyLimits before any resource runs. */
    PAYLOAD_TOO_LARGE(413),
    /** A request line too long; Vert.x answers it without a body, the gateway answers it with this code. */
    URI_TOO_LONG(414),
    UNSUPPORTED_MEDIA_TYPE(415),
    /** More requests from one client address than its route's rate (routes.txt); answered by the gateway, with Retry-After. */
    TOO_MANY_REQUESTS(429),
    /** Headers too large; like {@link #URI_TOO_LONG}, a problem document only from the gateway. */
    HEADERS_TOO_LARGE(431),
    INTERNAL_ERROR(500),
    SERVICE_UNAVAILABLE(503),
    /** More requests in flight than the service takes at once; answered by AdmissionControl before any work, with Retry-After. */
    SERVICE_OVERLOADED(503);

    private final int status;

    PlatformError(int status) {
        this.status = status;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String bundle() {
        return "org.esscard.platform.messages";
    }

    /** The platform code for an HTTP status raised by the REST layer itself. */
    public static PlatformError forStatus(int status) {
        for (PlatformError error : values()) {
            if (error.status == status && error != MALFORMED_JSON && error != VALIDATION_FAILED && error != INVALID_TEXT
                    && error != INPUT_LIMIT_EXCEEDED && error != SERVICE_OVERLOADED) {
                return error;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
    }
}

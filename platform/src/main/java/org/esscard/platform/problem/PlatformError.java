package org.esscard.platform.problem;

/** Errors every service can answer, whatever its domain. */
public enum PlatformError implements ErrorCode {
    MALFORMED_JSON(400),
    VALIDATION_FAILED(400),
    BAD_REQUEST(400),
    UNAUTHORIZED(401),
    TOKEN_REVOKED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    CONFLICT(409),
    UNSUPPORTED_MEDIA_TYPE(415),
    INTERNAL_ERROR(500),
    SERVICE_UNAVAILABLE(503);

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
            if (error.status == status && error != MALFORMED_JSON && error != VALIDATION_FAILED) {
                return error;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
    }
}

package org.esscard.simulator.rest;

/**
 * The machine codes the simulator answers with, and the HTTP status of each.
 */
public enum SimulatorError {
    MALFORMED_JSON(400, "The request body is not valid JSON or does not have the expected shape."),
    VALIDATION_FAILED(400, "Some fields are missing or invalid."),
    BAD_REQUEST(400, "The request cannot be processed as sent."),
    NOT_FOUND(404, "Nothing was found at this address."),
    UNKNOWN_CHANNEL(404, "No such channel; use sms or push."),
    METHOD_NOT_ALLOWED(405, "This method is not allowed here."),
    NOT_ACCEPTABLE(406, "The requested response format is not available."),
    UNSUPPORTED_MEDIA_TYPE(415, "This content type is not supported here; send application/json."),
    // the status comes from the script, not from here
    SCRIPTED_FAILURE(503, "The vendor was told to fail this send."),
    INTERNAL_ERROR(500, "The simulator failed unexpectedly.");

    private final int status;
    private final String message;

    SimulatorError(int status, String message) {
        this.status = status;
        this.message = message;
    }

    public int status() {
        return status;
    }

    public String message() {
        return message;
    }

    /** The code for an HTTP status raised by the REST layer itself. */
    public static SimulatorError forStatus(int status) {
        return switch (status) {
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
        };
    }
}

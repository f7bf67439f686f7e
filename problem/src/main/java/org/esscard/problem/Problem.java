package org.esscard.problem;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail. {@code code} is the stable machine code clients branch on; {@code detail}
 * is for people, in the request's language; {@code errors} names the fields of a failed validation; {@code traceId}
 * is the request's trace id, for the holder or integrator to quote to the hotline and for support to find the
 * request's logs and spans by (absent where nothing traced the request).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, String code, String traceId,
        List<FieldError> errors, @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field of a request body or parameter. */
    public record FieldError(String field, String message) {
    }

    /** Extra members such as {@code remainingAttempts} or {@code retryAfterSeconds}, written at top level. */
    @JsonAnyGetter
    public Map<String, Object> any() {
        return extensions;
    }
}

package org.esscard.account.client;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.ws.rs.core.Response;

/** identity-service answered with an error: {@link #status()} and its problem {@link #code()}. */
public class IdentityRefusal extends RuntimeException {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final int status;
    private final String code;

    public IdentityRefusal(int status, String code) {
        super("identity-service answered " + status + " " + code);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    static RuntimeException of(Response response) {
        String code = "UNKNOWN";
        try {
            String body = response.readEntity(String.class);
            Object value = body == null || body.isBlank() ? null : MAPPER.readValue(body, Map.class).get("code");
            if (value != null) {
                code = value.toString();
            }
        } catch (Exception unreadable) {
            // the status alone decides then
        }
        return response.getStatus() >= 500 ? new IdentityFailure(response.getStatus(), code) : new IdentityRefusal(response.getStatus(), code);
    }

    /** identity-service itself failed (5xx): counts against its circuit breaker. */
    public static class IdentityFailure extends RuntimeException {

        public IdentityFailure(int status, String code) {
            super("identity-service failed with " + status + " " + code);
        }
    }
}

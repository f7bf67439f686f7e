package org.esscard.platform.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thrown by domain code to answer with a problem: the code decides the status and the message, the
 * arguments fill the message, and extensions add machine-readable members (remaining attempts, retry time).
 */
public class ProblemException extends RuntimeException {

    private final ErrorCode code;
    private final transient Object[] args;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public ProblemException(ErrorCode code, Object... args) {
        super(code.name());
        this.code = code;
        this.args = args;
    }

    /** Adds a member to the problem document, e.g. {@code with("remainingAttempts", 2)}. */
    public ProblemException with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public ErrorCode code() {
        return code;
    }

    public Object[] args() {
        return args;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}

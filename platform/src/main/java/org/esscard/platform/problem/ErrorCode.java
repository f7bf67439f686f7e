package org.esscard.platform.problem;

/**
 * A stable, machine-readable error code with its HTTP status. Each service keeps an enum of its codes
 * and a resource bundle ({@link #bundle()}) holding one message per code in English and Chinese.
 */
public interface ErrorCode {

    /** The code as clients match on it, e.g. {@code PASSWORD_POLICY}. */
    String name();

    int status();

    /** Base name of the resource bundle with this code's messages ({@code messages.properties}, {@code messages_zh.properties}). */
    String bundle();
}

package org.esscard.platform.http;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What one request may take of a service: its body (small everywhere, large only where a service names a route that
 * needs it), and a place among the requests in flight ({@link Admission}).
 */
@ConfigMapping(prefix = "esscard.http")
public interface HttpLimitsConfig {

    /** The largest body any route accepts unless it is one of {@link #largeBodyPaths()}. */
    @WithDefault("64K")
    MemorySize maxBodySize();

    /** Paths (and their sub-paths) whose bodies may be as large as {@code quarkus.http.limits.max-body-size}. */
    Optional<List<String>> largeBodyPaths();

    /** How many requests a service works on at once; the ones beyond are refused at once ({@link AdmissionControl}). */
    Admission admission();

    /** Admission control: a bounded number of requests in flight, 503 beyond it, never a queue. */
    interface Admission {

        /** Off: every request is admitted, as before issue 14. */
        @WithDefault("true")
        boolean enabled();

        /** Requests in flight at most; absent, {@link #maxInFlightPerCore()} × the cores the JVM sees. */
        OptionalInt maxInFlight();

        /** The limit per core when {@link #maxInFlight()} is not set (docs/ARCHITECTURE.md, Admission control, says how it was chosen). */
        @WithDefault("32")
        int maxInFlightPerCore();

        /** What a refused request is told to wait ({@code Retry-After}, whole seconds). */
        @WithDefault("1S")
        Duration retryAfter();

        /** Paths (and their sub-paths) never refused nor counted: health probes and metrics answer whatever the load. */
        @WithDefault("/q/health,/q/metrics")
        List<String> exemptPaths();
    }
}

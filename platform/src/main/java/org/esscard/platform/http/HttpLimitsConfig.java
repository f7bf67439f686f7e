package org.esscard.platform.http;

import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Request body limits per route: small everywhere, large only where a service names a route that needs it. */
@ConfigMapping(prefix = "esscard.http")
public interface HttpLimitsConfig {

    /** The largest body any route accepts unless it is one of {@link #largeBodyPaths()}. */
    @WithDefault("64K")
    MemorySize maxBodySize();

    /** Paths (and their sub-paths) whose bodies may be as large as {@code quarkus.http.limits.max-body-size}. */
    Optional<List<String>> largeBodyPaths();
}

package org.esscard.platform.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.DefaultBean;
import io.quarkus.logging.Log;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The clock every service reads time from. Normally the system clock in UTC; {@code esscard.clock.offset}
 * (an ISO-8601 duration such as {@code P23D}) moves it, so an end-to-end test can start a service days
 * ahead and watch reminders fall due. A test may also replace the bean with a clock it sets.
 */
@Singleton
public class ClockProducer {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock(@ConfigProperty(name = "esscard.clock.offset") Optional<Duration> offset) {
        Clock system = Clock.systemUTC();
        if (offset.isEmpty() || offset.get().isZero()) {
            return system;
        }
        Log.warnf("clock moved by %s: now is %s (esscard.clock.offset; never in production)", offset.get(),
                Instant.now(Clock.offset(system, offset.get())));
        return Clock.offset(system, offset.get()).withZone(ZoneOffset.UTC);
    }
}

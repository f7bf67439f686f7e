package org.esscard.platform.testing;

import io.quarkus.test.Mock;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Replaces a service's clock in its tests, so they can move days forward. A service takes it in by indexing this
 * test-jar in its tests ({@code %test.quarkus.index-dependency.platform-testing.*} in its application.properties);
 * one that does not, keeps the real clock: the clock here stands still until a test moves it.
 */
public class TestClock {

    public static final MutableClock CLOCK = new MutableClock();

    @Produces
    @Mock
    @Singleton
    MutableClock clock() {
        return CLOCK;
    }
}

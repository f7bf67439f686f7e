package org.esscard.identity.support;

import org.esscard.platform.testing.MutableClock;

import io.quarkus.test.Mock;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Replaces the service's clock in tests, so they can let codes, sessions and send limits run out. */
public class TestClock {

    public static final MutableClock CLOCK = new MutableClock();

    @Produces
    @Mock
    @Singleton
    MutableClock clock() {
        return CLOCK;
    }
}

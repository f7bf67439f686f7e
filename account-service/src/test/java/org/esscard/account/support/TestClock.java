package org.esscard.account.support;

import org.esscard.platform.testing.MutableClock;

import io.quarkus.test.Mock;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Replaces the service's clock in tests, so a lockout can be watched lifting by itself. */
public class TestClock {

    public static final MutableClock CLOCK = new MutableClock();

    @Produces
    @Mock
    @Singleton
    MutableClock clock() {
        return CLOCK;
    }
}

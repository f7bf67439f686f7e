package org.esscard.simulator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the simulator.
 */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

    /** Received messages. */
    Messages messages();

    /** Settings of the received-message store. */
    interface Messages {

        /** How many messages are kept; the oldest go first, so a long local run does not fill the heap. */
        @WithDefault("10000")
        int maxKept();
    }
}

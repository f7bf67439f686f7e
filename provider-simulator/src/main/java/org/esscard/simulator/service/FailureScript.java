package org.esscard.simulator.service;

/**
 * What a channel is told to do: answer the next {@code failNext} sends with HTTP {@code status} instead of accepting.
 */
public record FailureScript(Channel channel, int failNext, int status) {

    FailureScript next() {
        return new FailureScript(channel, failNext - 1, status);
    }
}

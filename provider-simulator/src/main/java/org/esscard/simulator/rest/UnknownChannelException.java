package org.esscard.simulator.rest;

/**
 * A path named a channel the simulator does not play.
 */
public class UnknownChannelException extends RuntimeException {

    private final String key;

    public UnknownChannelException(String key) {
        super("unknown channel " + key);
        this.key = key;
    }

    public String key() {
        return key;
    }
}

package org.esscard.simulator.service;

/**
 * A send answered with a scripted failure status instead of being accepted.
 */
public class ScriptedFailureException extends RuntimeException {

    private final Channel channel;
    private final int status;

    public ScriptedFailureException(Channel channel, int status) {
        super("scripted failure of the " + channel.key() + " channel");
        this.channel = channel;
        this.status = status;
    }

    public Channel channel() {
        return channel;
    }

    public int status() {
        return status;
    }
}

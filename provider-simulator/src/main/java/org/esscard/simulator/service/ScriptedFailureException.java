package org.esscard.simulator.service;

/**
 * A call answered with a scripted failure status instead of being accepted or checked.
 */
public class ScriptedFailureException extends RuntimeException {

    private final String vendor;
    private final int status;

    public ScriptedFailureException(Channel channel, int status) {
        this(channel.key(), status);
    }

    public ScriptedFailureException(String vendor, int status) {
        super("scripted failure of the " + vendor + " vendor");
        this.vendor = vendor;
        this.status = status;
    }

    /** The vendor told to fail: a channel ({@code sms}, {@code push}) or an identity vendor ({@code face}, ...). */
    public String vendor() {
        return vendor;
    }

    public int status() {
        return status;
    }
}

package org.esscard.simulator.service;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.esscard.simulator.config.SimulatorConfig;

/**
 * The messages received so far, in arrival order, in memory; safe for concurrent callers.
 */
@ApplicationScoped
public class MessageStore {

    private final Deque<Message> messages = new ArrayDeque<>();
    private final int maxKept;

    MessageStore(SimulatorConfig config) {
        this.maxKept = config.messages().maxKept();
    }

    /** Keeps a message, dropping the oldest once more than the configured number are held. */
    public synchronized void add(Message message) {
        messages.addLast(message);
        while (messages.size() > maxKept) {
            messages.removeFirst();
        }
    }

    /**
     * Messages oldest first.
     *
     * @param to      only those sent to this recipient, or all if {@code null}
     * @param channel only those of this channel, or all if {@code null}
     */
    public synchronized List<Message> find(String to, Channel channel) {
        return messages.stream()
                .filter(m -> to == null || m.to().equals(to))
                .filter(m -> channel == null || m.channel() == channel)
                .toList();
    }

    public synchronized void clear() {
        messages.clear();
    }
}

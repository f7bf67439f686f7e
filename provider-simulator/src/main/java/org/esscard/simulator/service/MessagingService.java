package org.esscard.simulator.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

/**
 * Plays the SMS gateway and the push service: accepts messages (unless a failure is scripted) and keeps them for
 * tests to read back.
 */
@ApplicationScoped
public class MessagingService {

    private final MessageStore store;
    private final FailureScripts scripts;

    MessagingService(MessageStore store, FailureScripts scripts) {
        this.store = store;
        this.scripts = scripts;
    }

    /**
     * Accepts an SMS.
     *
     * @throws ScriptedFailureException if a failure is scripted for the SMS channel
     */
    public Message sendSms(String to, String text, String sender) {
        failIfScripted(Channel.SMS);
        Message message = Message.sms(newId(Channel.SMS), to, text, sender, Instant.now());
        store.add(message);
        Log.debugf("accepted %s to %s from %s", message.messageId(), to, sender);
        return message;
    }

    /**
     * Accepts a push notification.
     *
     * @throws ScriptedFailureException if a failure is scripted for the push channel
     */
    public Message sendPush(String to, String title, String body, Map<String, Object> data) {
        failIfScripted(Channel.PUSH);
        Message message = Message.push(newId(Channel.PUSH), to, title, body, data, Instant.now());
        store.add(message);
        Log.debugf("accepted %s to %s", message.messageId(), to);
        return message;
    }

    /** Messages received, oldest first, filtered by recipient and channel where given. */
    public List<Message> received(String to, Channel channel) {
        return store.find(to, channel);
    }

    public void clear() {
        store.clear();
    }

    private void failIfScripted(Channel channel) {
        scripts.takeFailure(channel).ifPresent(status -> {
            Log.infof("answering a %s send with scripted status %d", channel.key(), status);
            throw new ScriptedFailureException(channel, status);
        });
    }

    private static String newId(Channel channel) {
        return channel.key() + "-" + UUID.randomUUID();
    }
}

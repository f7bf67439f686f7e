package org.esscard.simulator.service;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A message a caller sent through a simulated vendor: an SMS ({@code text}, {@code sender}) or a push notification
 * ({@code title}, {@code body}, {@code data}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Message(
        String messageId,
        Channel channel,
        String to,
        String sender,
        String text,
        String title,
        String body,
        Map<String, Object> data,
        Instant acceptedAt) {

    static Message sms(String messageId, String to, String text, String sender, Instant acceptedAt) {
        return new Message(messageId, Channel.SMS, to, sender, text, null, null, null, acceptedAt);
    }

    static Message push(String messageId, String to, String title, String body, Map<String, Object> data,
            Instant acceptedAt) {
        return new Message(messageId, Channel.PUSH, to, null, null, title, body, data == null ? null : Map.copyOf(data),
                acceptedAt);
    }
}

package org.esscard.identity.support;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.events.Topics;
import org.esscard.platform.testing.TopicReader;

/** Reads what identity-service published on identity-events, as account-service will. */
public final class IdentityEvents {

    private IdentityEvents() {
    }

    /** The events for {@code permitNumber}, in order, once at least {@code count} arrived (or 30 seconds passed). */
    public static List<CloudEvent> of(String permitNumber, int count) {
        List<ConsumerRecord<String, String>> records = TopicReader.readUntil(Topics.IDENTITY_EVENTS,
                r -> r.stream().filter(e -> permitNumber.equals(e.key())).count() >= count, Duration.ofSeconds(30));
        return records.stream().filter(r -> permitNumber.equals(r.key())).map(r -> EventJson.read(r.value())).toList();
    }

    /** Every record on identity-events so far (read for {@code wait}). */
    public static List<String> all(Duration wait) {
        return TopicReader.readUntil(Topics.IDENTITY_EVENTS, r -> false, wait).stream().map(ConsumerRecord::value).toList();
    }
}

package org.esscard.platform.kafka;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The Kafka settings the platform's own clients (the outbox relay's producer, the revocation feed's consumer, the
 * health check's admin client) share with the messaging connector's channels: the application's {@code kafka.*}
 * configuration as Quarkus hands it to the connector ({@code default-kafka-broker}, environment variables such as
 * {@code KAFKA_SECURITY_PROTOCOL} and {@code KAFKA_SASL_JAAS_CONFIG} included). A broker that asks for a login then
 * gets the same one from every client of the service, not only from the channels.
 */
@ApplicationScoped
public class KafkaClientConfig {

    private final Map<String, Object> shared;

    public KafkaClientConfig(@Identifier("default-kafka-broker") Map<String, Object> connector) {
        Map<String, Object> copy = new HashMap<>(connector);
        // Quarkus adds the application name as group.id for the channels; each platform client decides its own (the
        // revocation feed has none: it assigns partitions, and a group would need a group ACL of its own)
        copy.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.shared = Map.copyOf(copy);
    }

    /** The shared settings with a client's own on top. */
    public Map<String, Object> with(Map<String, Object> own) {
        Map<String, Object> config = new HashMap<>(shared);
        config.putAll(own);
        return config;
    }

    /**
     * A consumer of strings that joins no group and commits nothing (it assigns itself partitions: its ACL is Read on the
     * topic only), for the platform's readers of whole topics: the revocation feed, the erasure ledger's replay.
     */
    public Map<String, Object> assigningConsumer(String clientId, String autoOffsetReset) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, autoOffsetReset);
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "200");
        return with(properties);
    }

    /** For messages about the cluster: where the clients connect. */
    public String bootstrapServers() {
        return String.valueOf(shared.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    }
}

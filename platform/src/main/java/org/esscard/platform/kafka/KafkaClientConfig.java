package org.esscard.platform.kafka;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;

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

    /** For messages about the cluster: where the clients connect. */
    public String bootstrapServers() {
        return String.valueOf(shared.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    }
}

package org.esscard.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.esscard.platform.outbox.OutboxRelay;
import org.esscard.platform.testing.KafkaBrokerProcess;
import org.esscard.platform.testing.KafkaBrokerProcess.Login;
import org.junit.jupiter.api.Test;

/**
 * The platform's own Kafka clients log in as the channels do: the outbox relay's producer, built from the connector's
 * {@code kafka.*} settings, publishes to a broker that takes only SCRAM-SHA-512 logins and ACLs (as the chart's
 * Strimzi listener does) with nothing but Write on its topic.
 */
class KafkaClientConfigTest {

    @Test
    void theRelaysProducerLogsInWithTheConnectorsSettingsAndNeedsOnlyWriteOnItsTopic() throws Exception {
        KafkaBrokerProcess broker = KafkaBrokerProcess.sharedSecured();
        String topic = "relay-login-" + UUID.randomUUID();
        try (Admin admin = Admin.create(broker.adminConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        String user = "relay-" + UUID.randomUUID();
        Login relay = broker.createUser(user, List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", AclOperation.WRITE, AclPermissionType.ALLOW))));
        KafkaClientConfig kafka = new KafkaClientConfig(connector(broker, relay));

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.with(OutboxRelay.producerConfig(Duration.ofSeconds(15))))) {
            RecordMetadata written = producer.send(new ProducerRecord<>(topic, "permit-A", "{}")).get(30, TimeUnit.SECONDS);
            assertThat(written.offset()).isZero();
        }
        assertThat(kafka.bootstrapServers()).isEqualTo(broker.bootstrapServers());
    }

    @Test
    void theApplicationsGroupIdStaysWithTheChannels() {
        KafkaClientConfig kafka = new KafkaClientConfig(Map.of("bootstrap.servers", "kafka:9092", ConsumerConfig.GROUP_ID_CONFIG, "permit-service",
                "sasl.mechanism", "SCRAM-SHA-512"));

        assertThat(kafka.with(Map.of("client.id", "permit-service-revocations")))
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("client.id", "permit-service-revocations")
                .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
    }

    /** The settings Quarkus hands the connector ({@code default-kafka-broker}): the kafka.* keys and the application's group id. */
    static Map<String, Object> connector(KafkaBrokerProcess broker, Login login) {
        Map<String, Object> config = new HashMap<>(broker.clientConfig(login));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "platform-test");
        return config;
    }
}

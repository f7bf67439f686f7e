package org.esscard.platform.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.events.account.SessionsRevoked;
import org.esscard.platform.kafka.KafkaClientConfig;
import org.esscard.platform.testing.KafkaBrokerProcess;
import org.esscard.platform.testing.KafkaBrokerProcess.Login;
import org.junit.jupiter.api.Test;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The revocation feed logs in as the service and reads account-events with nothing but Read on that topic: no
 * consumer group, so no group ACL (the chart's files/kafka-acls.yaml grants none for it), though the connector's
 * settings carry the application's group id.
 */
class RevocationFeedLoginTest {

    private static final String SUBJECT = "holder-revoked-before-start";

    @Test
    void aRevocationWrittenBeforeTheStartIsReplayedThroughTheLogin() throws Exception {
        KafkaBrokerProcess broker = KafkaBrokerProcess.sharedSecured();
        String topic = "account-events-" + UUID.randomUUID();
        try (Admin admin = Admin.create(broker.adminConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> producer = new HashMap<>(broker.adminConfig());
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        CloudEvent event = CloudEvent.of("/esscard/account-service",
                new SessionsRevoked(SUBJECT, null, Instant.now(), "password-changed"), EventJson.mapper(), Clock.systemUTC());
        try (KafkaProducer<String, String> writer = new KafkaProducer<>(producer)) {
            writer.send(new ProducerRecord<>(topic, SUBJECT, EventJson.write(event))).get(30, TimeUnit.SECONDS);
        }
        String user = "feed-" + UUID.randomUUID();
        Login service = broker.createUser(user, List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", AclOperation.READ, AclPermissionType.ALLOW))));
        Map<String, Object> connector = new HashMap<>(broker.clientConfig(service));
        connector.put(ConsumerConfig.GROUP_ID_CONFIG, "platform-test");
        Revocations revocations = new Revocations();
        RevocationFeed feed = new RevocationFeed(config(topic), revocations, new KafkaClientConfig(connector), "platform-test");

        feed.start(new StartupEvent());
        try {
            await().atMost(Duration.ofSeconds(60)).until(feed::replayed);
            assertThat(revocations.revoked(SUBJECT, null, Instant.now().minusSeconds(60).getEpochSecond())).isTrue();
            assertThat(feed.lastError()).isNull();
        } finally {
            feed.stop(new ShutdownEvent());
        }
    }

    private static RevocationConfig config(String topic) {
        return new RevocationConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public String topic() {
                return topic;
            }

            @Override
            public Duration window() {
                return Duration.ofMinutes(16);
            }

            @Override
            public Duration partitionRefresh() {
                return Duration.ofSeconds(5);
            }
        };
    }
}

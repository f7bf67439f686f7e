package org.esscard.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.esscard.deploy.helm.support.HelmChart;
import org.esscard.deploy.helm.support.KafkaAcls;
import org.esscard.deploy.helm.support.KafkaAcls.ServiceAccess;
import org.esscard.deploy.helm.support.Manifests;
import org.esscard.deploy.helm.support.StrictManifests;
import org.esscard.platform.testing.KafkaBrokerProcess;
import org.esscard.platform.testing.KafkaBrokerProcess.Login;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

/**
 * The chart's Kafka logins and ACLs on a real broker, as Strimzi would set them up: a broker with only a SCRAM-SHA-512
 * listener and KRaft's StandardAuthorizer, the chart's topics, and for every KafkaUser the chart renders a SCRAM
 * credential and exactly the ACL bindings of its rules. Then clients log in as each service and do what the
 * service does (its outbox topic, its channels' topics and groups, its dead-letter topics, the revocation feed's
 * group-less read) and are refused everything else. What stays untested here: Strimzi's operators themselves (no
 * cluster runs in this build); the translation from KafkaUser rules to bindings is the User Operator's, mirrored in
 * {@link KafkaAcls#bindings}.
 */
class KafkaAclsOnABrokerTests {

    private static final String INTEGRATOR = "social-insurance-bureau";
    private static final String INTEGRATOR_GROUPS = "social-insurance-bureau.";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static KafkaBrokerProcess broker;
    private static Admin admin;
    private static Manifests manifests;
    private static final Map<String, Login> LOGINS = new HashMap<>();
    private static Set<String> topics;

    @BeforeAll
    static void brokerWithTheChartsUsersAndAcls() throws Exception {
        manifests = StrictManifests.parse(HelmChart.template(HelmChart.DIR, null, Map.of(
                "kafka.users.integrators[0].name", INTEGRATOR,
                "kafka.users.integrators[0].topics[0]", "permit-events",
                "kafka.users.integrators[0].groupPrefix", INTEGRATOR_GROUPS)));
        broker = KafkaBrokerProcess.secured(new Login("esscard-admin", KafkaBrokerProcess.randomPassword()));
        admin = Admin.create(broker.adminConfig());

        topics = manifests.all(KafkaTopic.class).stream().map(t -> t.getSpec().getTopicName()).collect(Collectors.toCollection(TreeSet::new));
        admin.createTopics(topics.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList()).all().get(30, TimeUnit.SECONDS);

        for (KafkaUser user : manifests.all(KafkaUser.class)) {
            // what the User Operator does for a KafkaUser: a SCRAM credential and the bindings of its rules
            Login login = broker.createUser(user.getMetadata().getName(), KafkaAcls.bindings(user));
            LOGINS.put(login.user(), login);
        }

        // something to read on every topic
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(broker.adminConfig()))) {
            for (String topic : topics) {
                producer.send(new ProducerRecord<>(topic, "seed", "seed of " + topic)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void theChartHasOneUserPerServiceAndTheIntegrator() {
        assertThat(LOGINS.keySet()).containsExactlyInAnyOrder(user("account"), user("identity"), user("permit"), user("notification"), INTEGRATOR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"account", "identity", "permit", "notification"})
    void eachServiceWritesAndReadsExactlyItsOwnTopics(String service) {
        ServiceAccess access = KafkaAcls.file().get(service);
        Login login = LOGINS.get(user(service));
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (String topic : topics) {
            outcomes.put("write " + topic, produce(login, topic));
            outcomes.put("read " + topic, readWithoutGroup(login, topic));
        }

        Map<String, String> expected = new LinkedHashMap<>();
        for (String topic : topics) {
            expected.put("write " + topic, access.writes().contains(topic) ? "ok" : TopicAuthorizationException.class.getSimpleName());
            expected.put("read " + topic, access.reads().contains(topic) ? "ok" : TopicAuthorizationException.class.getSimpleName());
        }
        assertThat(outcomes).as(service + "-service on every topic of the chart").isEqualTo(expected);
        assertThat(access.writes()).as("it writes somewhere").isNotEmpty();
        assertThat(access.reads()).as("the revocation feed reads account-events in every service").contains("account-events");
    }

    @ParameterizedTest
    @ValueSource(strings = {"account", "identity", "permit", "notification"})
    void eachServiceConsumesOnlyInItsOwnGroups(String service) {
        ServiceAccess access = KafkaAcls.file().get(service);
        Login login = LOGINS.get(user(service));
        // a topic it may read, so that only the group decides
        String topic = access.consume().isEmpty() ? access.read().get(0) : access.consume().get(0).topic();
        Set<String> groups = new TreeSet<>(List.of("account-service", "identity-service", "permit-service", "notification-service", "esscard"));
        Map<String, String> outcomes = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        for (String group : groups) {
            outcomes.put(group, consumeInGroup(login, topic, group));
            expected.put(group, access.groups().contains(group) ? "ok" : GroupAuthorizationException.class.getSimpleName());
        }
        assertThat(outcomes).as(service + "-service joining each group on " + topic).isEqualTo(expected);
    }

    @Test
    void anIntegratorOnlyReadsItsTopicsInItsOwnGroups() {
        Login login = LOGINS.get(INTEGRATOR);

        assertThat(readWithoutGroup(login, "permit-events")).isEqualTo("ok");
        assertThat(consumeInGroup(login, "permit-events", INTEGRATOR_GROUPS + "reporting")).isEqualTo("ok");
        assertThat(consumeInGroup(login, "permit-events", "notification-service")).isEqualTo(GroupAuthorizationException.class.getSimpleName());
        assertThat(readWithoutGroup(login, "account-events")).isEqualTo(TopicAuthorizationException.class.getSimpleName());
        // it may write nowhere, so even the producer id an idempotent producer asks for first is refused
        assertThat(produceError(login, "permit-events")).isInstanceOf(AuthorizationException.class);
    }

    @Test
    void aWrongPasswordIsRefusedAtLogin() {
        Login wrong = new Login(user("permit"), KafkaBrokerProcess.randomPassword());

        try (Admin client = admin(wrong)) {
            assertThatThrownBy(() -> client.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"account", "identity", "permit", "notification"})
    void theHealthChecksDescribeOfTheClusterNeedsNoAclOfItsOwn(String service) throws Exception {
        try (Admin client = admin(LOGINS.get(user(service)))) {
            assertThat(client.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    private static String user(String service) {
        return HelmChart.workload(service + "-service");
    }

    /** "ok", or the simple name of the exception that refused the write. */
    private static String produce(Login login, String topic) {
        Throwable error = produceError(login, topic);
        return error == null ? "ok" : error.getClass().getSimpleName();
    }

    /** null, or the authorization error that refused the write (the producer may wrap it). */
    private static Throwable produceError(Login login, String topic) {
        // a producer per attempt: the relay's settings (idempotent, acks=all), nothing left over from a refusal
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(broker.clientConfig(login)))) {
            producer.send(new ProducerRecord<>(topic, "key", "value")).get(30, TimeUnit.SECONDS);
            return null;
        } catch (Exception e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof AuthorizationException) {
                    return cause;
                }
            }
            throw new AssertionError("writing to " + topic + " as " + login.user(), e);
        }
    }

    /** As the revocation feed reads: partitions assigned, no group, nothing committed. */
    private static String readWithoutGroup(Login login, String topic) {
        Map<String, Object> config = consumerConfig(broker.clientConfig(login));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            return pollOne(consumer, topic);
        } catch (AuthorizationException e) {
            return e.getClass().getSimpleName();
        }
    }

    /** As a channel consumes: subscribed in a group, the offset committed. */
    private static String consumeInGroup(Login login, String topic, String group) {
        Map<String, Object> config = consumerConfig(broker.clientConfig(login));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            String outcome = pollOne(consumer, topic);
            consumer.commitSync(Duration.ofSeconds(10));
            return outcome;
        } catch (AuthorizationException e) {
            return e.getClass().getSimpleName();
        }
    }

    private static String pollOne(KafkaConsumer<String, String> consumer, String topic) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.value().equals("seed of " + topic)) {
                    return "ok";
                }
            }
        }
        throw new AssertionError("nothing read from " + topic + " within " + PATIENCE);
    }

    private static Map<String, Object> producerConfig(Map<String, Object> connection) {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return config;
    }

    private static Map<String, Object> consumerConfig(Map<String, Object> connection) {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return config;
    }

    private static Admin admin(Login login) {
        Map<String, Object> config = new HashMap<>(broker.clientConfig(login));
        config.put("default.api.timeout.ms", 10_000);
        config.put("request.timeout.ms", 5_000);
        return Admin.create(config);
    }
}

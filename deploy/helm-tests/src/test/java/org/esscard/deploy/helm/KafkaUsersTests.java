package org.esscard.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.esscard.deploy.helm.support.HelmChart;
import org.esscard.deploy.helm.support.HelmChart.Scenario;
import org.esscard.deploy.helm.support.KafkaAcls;
import org.esscard.deploy.helm.support.KafkaAcls.Consume;
import org.esscard.deploy.helm.support.KafkaAcls.ServiceAccess;
import org.esscard.deploy.helm.support.Manifests;
import org.esscard.deploy.helm.support.StrictManifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaAuthorizationSimple;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;

/**
 * Kafka identities in the chart: the listener takes only SCRAM-SHA-512 logins and authorises by ACL, every service
 * logs in as a KafkaUser of its own whose rules are those of files/kafka-acls.yaml, and that file says exactly what
 * each service's code and configuration use. {@link KafkaAclsOnABrokerTests} shows the same rules on a broker.
 */
class KafkaUsersTests {

    private static final List<String> SERVICES = List.of("account", "identity", "permit", "notification");
    private static final Pattern INCOMING = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.(topic|group\\.id|dead-letter-queue\\.topic)");
    private static final Pattern OUTBOX_TOPIC = Pattern.compile("outbox\\.add(?:All)?\\((?:\\w+,\\s*)?Topics\\.(\\w+)");
    private static final Pattern TOPIC_CONSTANT = Pattern.compile("String (\\w+) = \"([^\"]+)\"");

    @ParameterizedTest
    @EnumSource(value = Scenario.class, names = {"DEFAULT", "PRODUCTION"})
    void theListenerTakesOnlyScramLoginsAndTheBrokerAuthorisesByAcl(Scenario scenario) {
        Kafka kafka = HelmChart.manifests(scenario).all(Kafka.class).get(0);

        assertThat(kafka.getSpec().getKafka().getListeners()).singleElement()
                .satisfies(l -> assertThat(l.getAuth()).isInstanceOf(KafkaListenerAuthenticationScramSha512.class));
        assertThat(kafka.getSpec().getKafka().getAuthorization()).isInstanceOf(KafkaAuthorizationSimple.class);
        assertThat(((KafkaAuthorizationSimple) kafka.getSpec().getKafka().getAuthorization()).getSuperUsers())
                .as("no service is a super user").isNullOrEmpty();
        assertThat(kafka.getSpec().getEntityOperator().getUserOperator()).as("the User Operator makes the users").isNotNull();
    }

    @ParameterizedTest
    @EnumSource(value = Scenario.class, names = {"DEFAULT", "PRODUCTION"})
    void eachServiceLogsInAsItsOwnKafkaUserWithThePasswordFromItsSecret(Scenario scenario) {
        Manifests manifests = HelmChart.manifests(scenario);
        String cluster = manifests.all(Kafka.class).get(0).getMetadata().getName();
        for (String service : SERVICES) {
            String workload = HelmChart.workload(service + "-service");
            KafkaUser user = manifests.named(KafkaUser.class, workload);
            assertThat(user.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", cluster);
            assertThat(user.getSpec().getAuthentication()).isInstanceOf(KafkaUserScramSha512ClientAuthentication.class);

            Map<String, String> config = manifests.named(ConfigMap.class, workload).getData();
            assertThat(config).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT").containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                    .doesNotContainKey("KAFKA_SASL_JAAS_CONFIG");
            EnvVar jaas = manifests.named(Deployment.class, workload).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                    .stream().filter(e -> e.getName().equals("KAFKA_SASL_JAAS_CONFIG")).findFirst().orElseThrow();
            // Strimzi's User Operator names the Secret after the KafkaUser and puts the whole JAAS line under this key
            assertThat(jaas.getValueFrom().getSecretKeyRef().getName()).isEqualTo(user.getMetadata().getName());
            assertThat(jaas.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("sasl.jaas.config");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"account", "identity", "permit", "notification"})
    void theAclFileSaysExactlyWhatTheServiceUses(String service) {
        ServiceAccess access = KafkaAcls.file().get(service);
        Path module = HelmChart.ROOT.resolve(service + "-service");
        Properties properties = properties(module.resolve("src/main/resources/application.properties"));
        Map<String, Map<String, String>> channels = new java.util.TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher m = INCOMING.matcher(key);
            if (m.matches()) {
                channels.computeIfAbsent(m.group(1), c -> new java.util.HashMap<>()).put(m.group(2), properties.getProperty(key));
            }
        }

        // a channel without its own group.id joins the connector's: the service's name (platform's connector defaults)
        String group = properties.getProperty("quarkus.application.name");
        assertThat(Set.copyOf(access.consume())).as("channels: topic and group")
                .isEqualTo(channels.values().stream().map(c -> new Consume(c.get("topic"), c.getOrDefault("group.id", group)))
                        .collect(Collectors.toSet()));
        assertThat(Set.copyOf(access.deadLetters())).as("dead-letter topics")
                .isEqualTo(channels.values().stream().map(c -> c.get("dead-letter-queue.topic")).collect(Collectors.toSet()));
        // a service that erases holders (a HolderErasure) reports each erasure to the ledger through platform's Erasures and
        // replays the ledger at start (platform ErasureLedger, no group)
        boolean erases = implementsHolderErasure(module);
        Set<String> produced = new TreeSet<>(outboxTopics(module));
        if (erases) {
            produced.add(ERASURE_LEDGER);
        }
        assertThat(Set.copyOf(access.produce())).as("topics of its outbox calls").isEqualTo(produced);
        Properties platform = properties(HelmChart.ROOT.resolve("platform/src/main/resources/META-INF/microprofile-config.properties"));
        assertThat(properties.getProperty("esscard.revocation.enabled", "true")).as("the revocation feed runs").isEqualTo("true");
        List<String> read = new java.util.ArrayList<>(List.of(platform.getProperty("esscard.revocation.topic")));
        if (erases) {
            read.add(ERASURE_LEDGER);
        }
        assertThat(access.read()).as("the revocation feed's topic, and the erasure ledger").containsExactlyInAnyOrderElementsOf(read);
    }

    @ParameterizedTest
    @ValueSource(strings = {"account", "identity", "permit", "notification"})
    void aServicesKafkaUserHasTheFilesRulesAndNoOther(String service) {
        KafkaUser user = HelmChart.manifests(Scenario.DEFAULT).named(KafkaUser.class, HelmChart.workload(service + "-service"));
        ServiceAccess access = KafkaAcls.file().get(service);
        String principal = "User:" + user.getMetadata().getName();
        Set<AclBinding> expected = new HashSet<>();
        access.writes().forEach(t -> expected.addAll(bindings(principal, ResourceType.TOPIC, t, AclOperation.DESCRIBE, AclOperation.WRITE)));
        access.reads().forEach(t -> expected.addAll(bindings(principal, ResourceType.TOPIC, t, AclOperation.DESCRIBE, AclOperation.READ)));
        access.groups().forEach(g -> expected.addAll(bindings(principal, ResourceType.GROUP, g, AclOperation.READ)));

        assertThat(new HashSet<>(KafkaAcls.bindings(user))).isEqualTo(expected);
        assertThat(((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls())
                .as("one rule per topic and group").hasSize(access.writes().size() + access.reads().size()
                        - (int) access.writes().stream().filter(access.reads()::contains).count() + access.groups().size());
    }

    @Test
    void anIntegratorReadsItsTopicsInGroupsOfItsPrefixAndNothingMore() {
        Manifests manifests = StrictManifests.parse(HelmChart.template(HelmChart.DIR, null, Map.of(
                "kafka.users.integrators[0].name", "social-insurance-bureau",
                "kafka.users.integrators[0].topics[0]", "permit-events",
                "kafka.users.integrators[0].topics[1]", "account-events",
                "kafka.users.integrators[0].groupPrefix", "social-insurance-bureau.")));
        KafkaUser user = manifests.named(KafkaUser.class, "social-insurance-bureau");
        String principal = "User:social-insurance-bureau";
        Set<AclBinding> expected = new HashSet<>();
        Stream.of("permit-events", "account-events").forEach(t ->
                expected.addAll(bindings(principal, ResourceType.TOPIC, t, AclOperation.DESCRIBE, AclOperation.READ)));
        expected.add(new AclBinding(new ResourcePattern(ResourceType.GROUP, "social-insurance-bureau.", PatternType.PREFIXED),
                new AccessControlEntry(principal, "*", AclOperation.READ, AclPermissionType.ALLOW)));

        assertThat(user.getSpec().getAuthentication()).isInstanceOf(KafkaUserScramSha512ClientAuthentication.class);
        assertThat(new HashSet<>(KafkaAcls.bindings(user))).isEqualTo(expected);
        assertThat(HelmChart.manifests(Scenario.DEFAULT).all(KafkaUser.class)).as("none by default").hasSize(SERVICES.size());
    }

    @Test
    void anIntegratorNeedsTopicsAndReadsOnlyEventTopics() {
        assertThatThrownBy(() -> HelmChart.template(HelmChart.DIR, null, Map.of("kafka.users.integrators[0].name", "tax-bureau")))
                .hasMessageContaining("topics");
        assertThatThrownBy(() -> HelmChart.template(HelmChart.DIR, null, Map.of("kafka.users.integrators[0].name", "tax-bureau",
                "kafka.users.integrators[0].topics[0]", "permit-events.notification-service.dlq")))
                .hasMessageContaining("topics");
    }

    @Test
    void externalKafkaGetsNoUsersAndNoScramSettings() {
        Manifests manifests = HelmChart.manifests(Scenario.EXTERNAL);

        assertThat(manifests.all(KafkaUser.class)).isEmpty();
        for (String service : SERVICES) {
            String workload = HelmChart.workload(service + "-service");
            assertThat(manifests.named(ConfigMap.class, workload).getData()).doesNotContainKeys("KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM");
            assertThat(manifests.named(Deployment.class, workload).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                    .extracting(EnvVar::getName).doesNotContain("KAFKA_SASL_JAAS_CONFIG");
        }
    }

    private static Set<AclBinding> bindings(String principal, ResourceType type, String name, AclOperation... operations) {
        return Stream.of(operations).map(op -> new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW))).collect(Collectors.toSet());
    }

    /** The topics a service's main code hands to its outbox, by the events module's Topics constants. */
    /** The ledger's topic, platform PrivacyConfig's default (events Topics.ERASURE_LEDGER). */
    private static final String ERASURE_LEDGER = "erasure-ledger";

    private static boolean implementsHolderErasure(Path module) {
        try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
            return files.filter(p -> p.toString().endsWith(".java")).anyMatch(p -> read(p).contains("implements HolderErasure"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> outboxTopics(Path module) {
        Map<String, String> constants = new java.util.HashMap<>();
        Matcher constant = TOPIC_CONSTANT.matcher(read(HelmChart.ROOT.resolve("events/src/main/java/org/esscard/events/Topics.java")));
        while (constant.find()) {
            constants.put(constant.group(1), constant.group(2));
        }
        Set<String> topics = new TreeSet<>();
        try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
            for (Path java : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher call = OUTBOX_TOPIC.matcher(read(java));
                while (call.find()) {
                    topics.add(constants.get(call.group(1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return topics;
    }

    private static Properties properties(Path file) {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

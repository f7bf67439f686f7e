package org.esscard.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.esscard.deploy.helm.support.CnpgModel;
import org.esscard.deploy.helm.support.HelmChart;
import org.esscard.deploy.helm.support.HelmChart.Scenario;
import org.esscard.deploy.helm.support.Manifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/** Kafka through Strimzi (KRaft, node pools, topics), PostgreSQL through CloudNativePG, or both external. */
class DataServicesTests {

    private static final List<String> SERVICES = List.of("account", "identity", "permit", "notification");
    private static final Set<String> TOPICS = Set.of("permit-events", "identity-events", "account-events",
            "permit-events.notification-service.dlq", "account-events.notification-service.dlq",
            "identity-events.notification-service.dlq", "permit-events.identity-service.dlq",
            "permit-events.account-service.dlq", "identity-events.account-service.dlq", "erasure-ledger.permit-service.dlq",
            "erasure-ledger");
    private static final String LEDGER = "erasure-ledger";
    private static final long FOURTEEN_DAYS_MS = 14L * 24 * 3600 * 1000;

    @ParameterizedTest
    @EnumSource(value = Scenario.class, names = {"DEFAULT", "PRODUCTION"})
    void kafkaRunsInKraftModeOnNodePoolsThatCanHoldThreeReplicas(Scenario scenario) {
        Manifests manifests = HelmChart.manifests(scenario);
        Kafka kafka = manifests.all(Kafka.class).get(0);
        String name = kafka.getMetadata().getName();
        Map<String, Object> config = kafka.getSpec().getKafka().getConfig();

        assertThat(config).containsEntry("min.insync.replicas", 2).containsEntry("default.replication.factor", 3)
                .containsEntry("offsets.topic.replication.factor", 3).containsEntry("auto.create.topics.enable", false);
        assertThat(kafka.getSpec().getKafka().getListeners()).singleElement().satisfies(l -> {
            assertThat(l.getNetworkPolicyPeers()).as("only the release's pods reach the listener").isNotEmpty();
            assertThat(l.isTls()).isFalse();
        });
        List<KafkaNodePool> pools = manifests.all(KafkaNodePool.class);
        assertThat(pools).allSatisfy(p -> assertThat(p.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", name));
        int brokers = pools.stream().filter(p -> p.getSpec().getRoles().contains(ProcessRoles.BROKER)).mapToInt(p -> p.getSpec().getReplicas()).sum();
        int controllers = pools.stream().filter(p -> p.getSpec().getRoles().contains(ProcessRoles.CONTROLLER)).mapToInt(p -> p.getSpec().getReplicas()).sum();
        assertThat(brokers).as("brokers for replication factor 3").isGreaterThanOrEqualTo(3);
        assertThat(controllers % 2).as("an odd number of KRaft controllers").isEqualTo(1);
        assertThat(pools).allSatisfy(p -> assertThat(p.getSpec().getResources().getLimits()).containsKeys("cpu", "memory"));
    }

    @ParameterizedTest
    @EnumSource(value = Scenario.class, names = {"DEFAULT", "PRODUCTION"})
    void everyTopicHasThreeReplicasTwoInSyncAndARetention(Scenario scenario) {
        Manifests manifests = HelmChart.manifests(scenario);
        String kafka = manifests.all(Kafka.class).get(0).getMetadata().getName();
        List<KafkaTopic> topics = manifests.all(KafkaTopic.class);

        assertThat(topics).extracting(t -> t.getSpec().getTopicName()).containsExactlyInAnyOrderElementsOf(TOPICS);
        assertThat(topics).allSatisfy(t -> {
            assertThat(t.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", kafka);
            assertThat(t.getSpec().getReplicas()).isEqualTo(3);
            assertThat(t.getSpec().getPartitions()).isPositive();
            assertThat(t.getSpec().getConfig()).containsEntry("min.insync.replicas", 2).containsKey("retention.ms");
            long retention = ((Number) t.getSpec().getConfig().get("retention.ms")).longValue();
            if (LEDGER.equals(t.getSpec().getTopicName())) {
                // the erasure ledger (issue 18) outlives every backup and holds no personal data
                assertThat(t.getSpec().getConfig()).containsEntry("cleanup.policy", "compact");
                assertThat(retention).isEqualTo(-1);
            } else {
                // Kafka cannot delete one record: personal data in events goes no later than the erasure deadline
                assertThat(t.getSpec().getConfig()).containsEntry("cleanup.policy", "delete");
                assertThat(retention).as(t.getSpec().getTopicName()).isPositive().isLessThanOrEqualTo(FOURTEEN_DAYS_MS);
            }
        });
    }

    @Test
    void aTopicRetentionLongerThanTheErasureDeadlineIsRefused() {
        assertThatThrownBy(() -> HelmChart.template(HelmChart.DIR, null, Map.of("kafka.topics.deadLetters.retentionMs", 2592000000L)))
                .hasMessageContaining("kafka.topics.deadLetters.retentionMs 2592000000 is longer than the erasure deadline");
        assertThatThrownBy(() -> HelmChart.template(HelmChart.DIR, null, Map.of("privacy.erasureDeadlineDays", 3)))
                .hasMessageContaining("is longer than the erasure deadline, privacy.erasureDeadlineDays 3");
        assertThat(HelmChart.template(HelmChart.DIR, null, Map.of("privacy.erasureDeadlineDays", 30,
                "kafka.topics.deadLetters.retentionMs", 2592000000L))).contains("retention.ms: 2592000000");
    }

    @ParameterizedTest
    @EnumSource(value = Scenario.class, names = {"DEFAULT", "PRODUCTION"})
    void postgresHasADatabaseAndARolePerServiceWithCredentialsFromSecrets(Scenario scenario) {
        Manifests manifests = HelmChart.manifests(scenario);
        CnpgModel.Cluster cluster = manifests.all(CnpgModel.Cluster.class).get(0);
        String clusterName = cluster.metadata().getName();
        Map<String, CnpgModel.RoleConfiguration> roles = cluster.spec().managed().roles().stream()
                .collect(Collectors.toMap(CnpgModel.RoleConfiguration::name, r -> r));
        List<CnpgModel.Database> databases = manifests.all(CnpgModel.Database.class);

        assertThat(databases).hasSize(SERVICES.size());
        for (String service : SERVICES) {
            String workload = HelmChart.workload(service + "-service");
            CnpgModel.Database database = databases.stream().filter(d -> d.spec().name().equals("esscard_" + service)).findFirst().orElseThrow();
            assertThat(database.spec().cluster().name()).isEqualTo(clusterName);
            assertThat(database.spec().databaseReclaimPolicy()).isEqualTo(CnpgModel.ReclaimPolicy.RETAIN);
            CnpgModel.RoleConfiguration role = roles.get(database.spec().owner());
            assertThat(role).as("role " + database.spec().owner()).isNotNull();
            assertThat(role.login()).isTrue();
            // the service logs in with the Secret CloudNativePG sets the role's password from
            String credentials = secretOf(manifests, workload, "QUARKUS_DATASOURCE_PASSWORD");
            assertThat(role.passwordSecret().name()).isEqualTo(credentials);
            assertThat(secretOf(manifests, workload, "QUARKUS_DATASOURCE_USERNAME")).isEqualTo(credentials);
            Map<String, String> config = manifests.named(ConfigMap.class, workload).getData();
            assertThat(config.get("QUARKUS_DATASOURCE_JDBC_URL")).startsWith("jdbc:postgresql://" + clusterName + "-rw:5432/esscard_" + service);
            assertThat(config.get("QUARKUS_DATASOURCE_REACTIVE_URL")).startsWith("postgresql://" + clusterName + "-rw:5432/esscard_" + service);
        }
    }

    @Test
    void externalKafkaAndPostgresReplaceTheOperatorsResources() {
        Manifests manifests = HelmChart.manifests(Scenario.EXTERNAL);

        assertThat(manifests.kinds()).doesNotContain("Kafka", "KafkaNodePool", "KafkaTopic", "Cluster", "Database");
        for (String service : SERVICES) {
            String workload = HelmChart.workload(service + "-service");
            Map<String, String> config = manifests.named(ConfigMap.class, workload).getData();
            assertThat(config.get("KAFKA_BOOTSTRAP_SERVERS")).startsWith("kafka-0.data.example:9093,");
            assertThat(config.get("QUARKUS_DATASOURCE_JDBC_URL")).isEqualTo("jdbc:postgresql://pg.data.example:5432/esscard_" + service
                    + "?sslmode=verify-full&sslrootcert=/var/run/secrets/esscard/postgres-ca/ca.crt");
            assertThat(caSecretOf(manifests, workload)).isEqualTo("esscard-pg-external-ca");
            NetworkPolicy policy = manifests.named(NetworkPolicy.class, workload);
            assertThat(egressPorts(policy, "10.20.0.0/24")).as("Kafka brokers").containsExactly(9093);
            assertThat(egressPorts(policy, "10.20.1.0/24")).as("PostgreSQL").containsExactly(5432);
        }
    }

    @Test
    void productionVerifiesPostgresAgainstTheClusterCaWithBothDrivers() {
        Manifests manifests = HelmChart.manifests(Scenario.PRODUCTION);
        for (String service : SERVICES) {
            String workload = HelmChart.workload(service + "-service");
            Map<String, String> config = manifests.named(ConfigMap.class, workload).getData();
            assertThat(config.get("QUARKUS_DATASOURCE_REACTIVE_URL")).endsWith("?sslmode=verify-full");
            assertThat(config.get("QUARKUS_DATASOURCE_JDBC_URL")).endsWith("?sslmode=verify-full&sslrootcert=/var/run/secrets/esscard/postgres-ca/ca.crt");
            assertThat(config).containsEntry("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM", "true")
                    .containsEntry("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS", "/var/run/secrets/esscard/postgres-ca/ca.crt")
                    .containsEntry("QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM", "HTTPS");
            assertThat(caSecretOf(manifests, workload)).isEqualTo("esscard-pg-ca");
        }
        assertThat(HelmChart.manifests(Scenario.DEFAULT).named(ConfigMap.class, HelmChart.workload("permit-service")).getData())
                .doesNotContainKey("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM");
    }

    /** The Secret a workload's PostgreSQL CA comes from; only its certificate is mounted, never the CA's key. */
    private static String caSecretOf(Manifests manifests, String workload) {
        var volume = manifests.named(Deployment.class, workload).getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("postgres-ca")).findFirst().orElseThrow();
        assertThat(volume.getSecret().getItems()).singleElement().satisfies(item -> assertThat(item.getPath()).isEqualTo("ca.crt"));
        return volume.getSecret().getSecretName();
    }

    /** Ports a policy lets its pods reach at an address range. */
    private static List<Integer> egressPorts(NetworkPolicy policy, String cidr) {
        return policy.getSpec().getEgress().stream()
                .filter(rule -> rule.getTo().stream().anyMatch(peer -> peer.getIpBlock() != null && cidr.equals(peer.getIpBlock().getCidr())))
                .flatMap(rule -> rule.getPorts().stream()).map(p -> p.getPort().getIntVal()).toList();
    }

    private static String secretOf(Manifests manifests, String workload, String variable) {
        return manifests.named(Deployment.class, workload).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals(variable)).map(EnvVar::getValueFrom).map(v -> v.getSecretKeyRef().getName())
                .findFirst().orElseThrow();
    }
}

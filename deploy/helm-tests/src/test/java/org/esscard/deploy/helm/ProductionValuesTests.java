package org.esscard.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.esscard.deploy.helm.support.CnpgModel;
import org.esscard.deploy.helm.support.HelmChart;
import org.esscard.deploy.helm.support.HelmChart.Scenario;
import org.esscard.deploy.helm.support.Manifests;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;

/** What values-production.yaml promises: no simulator, two or more of everything, spread, TLS, real vendors. */
class ProductionValuesTests {

    private static final List<String> SERVICES = List.of("account-service", "identity-service", "permit-service", "notification-service");

    private final Manifests production = HelmChart.manifests(Scenario.PRODUCTION);

    @Test
    void hasNoSimulator() {
        assertThat(production.documents()).noneMatch(d -> d.name().contains("simulator"));
        assertThat(HelmChart.render(Scenario.PRODUCTION)).doesNotContain("provider-simulator", "8089");
        for (String service : List.of("identity-service", "notification-service")) {
            assertThat(production.named(ConfigMap.class, HelmChart.workload(service)).getData().get("ESSCARD_PROVIDERS_URL"))
                    .startsWith("https://");
        }
    }

    @Test
    void theSimulatorAppearsOnlyWhenAValueAsksForIt() {
        assertThat(HelmChart.manifests(Scenario.DEFAULT).documents()).noneMatch(d -> d.name().contains("simulator"));
        Manifests simulated = HelmChart.manifests(Scenario.SIMULATOR);
        simulated.named(Deployment.class, HelmChart.workload("provider-simulator"));
        assertThat(simulated.all(Ingress.class)).flatMap(i -> i.getSpec().getRules().get(0).getHttp().getPaths())
                .noneMatch(p -> p.getBackend().getService().getName().contains("simulator"));
    }

    @Test
    void everyServiceRunsAtLeastTwoReplicasUnderAnAutoscaler() {
        for (String service : SERVICES) {
            String name = HelmChart.workload(service);
            HorizontalPodAutoscaler hpa = production.named(HorizontalPodAutoscaler.class, name);
            assertThat(hpa.getSpec().getMinReplicas()).as(name).isGreaterThanOrEqualTo(2);
            assertThat(hpa.getSpec().getMetrics()).as(name).isNotEmpty();
            PodDisruptionBudget pdb = production.named(PodDisruptionBudget.class, name);
            assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).as("one pod of two may go").isEqualTo(1);
        }
    }

    @Test
    void podsSpreadOverNodesStrictlyAndOverZones() {
        for (Deployment deployment : production.all(Deployment.class)) {
            var spread = deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints();
            assertThat(spread).anyMatch(t -> t.getTopologyKey().equals("kubernetes.io/hostname") && t.getWhenUnsatisfiable().equals("DoNotSchedule"));
            assertThat(spread).anyMatch(t -> t.getTopologyKey().equals("topology.kubernetes.io/zone"));
        }
    }

    @Test
    void theGatewayServesOneHostOverTls() {
        String host = production.all(Ingress.class).get(0).getSpec().getRules().get(0).getHost();
        assertThat(host).isNotBlank();
        for (Ingress ingress : production.all(Ingress.class)) {
            assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> assertThat(rule.getHost()).isEqualTo(host));
            assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> assertThat(tls.getHosts()).containsExactly(host));
        }
        // cert-manager's issuer on one Ingress only: one Certificate for the shared Secret
        assertThat(production.all(Ingress.class)).filteredOn(i -> i.getMetadata().getAnnotations().containsKey("cert-manager.io/cluster-issuer"))
                .singleElement().satisfies(i -> assertThat(i.getMetadata().getName()).endsWith("-api"));
    }

    @Test
    void theServicesTakeTheClientAddressOnlyFromTheIngressControllersPods() {
        Manifests defaults = HelmChart.manifests(Scenario.DEFAULT);
        for (String service : SERVICES) {
            String name = HelmChart.workload(service);
            assertThat(production.named(ConfigMap.class, name).getData()).as(name)
                    .containsEntry("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true")
                    .containsEntry("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "10.244.0.0/16");
            // no trusted proxy configured: the header counts for nothing, the peer is the client
            assertThat(defaults.named(ConfigMap.class, name).getData()).as(name + " by default")
                    .doesNotContainKeys("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES");
        }
    }

    @Test
    void imagesComeFromTheRegistryAndDataServicesAreHighlyAvailable() {
        for (Deployment deployment : production.all(Deployment.class)) {
            assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).startsWith("registry.");
        }
        Map<Boolean, Long> pools = production.all(KafkaNodePool.class).stream()
                .collect(java.util.stream.Collectors.partitioningBy(p -> p.getSpec().getRoles().size() == 1, java.util.stream.Collectors.counting()));
        assertThat(pools.get(true)).as("dedicated controller and broker pools").isEqualTo(2);
        CnpgModel.Cluster cluster = production.all(CnpgModel.Cluster.class).get(0);
        assertThat(cluster.spec().instances()).isGreaterThanOrEqualTo(3);
        assertThat(cluster.spec().affinity().podAntiAffinityType()).isEqualTo(CnpgModel.AntiAffinityType.REQUIRED);
    }
}

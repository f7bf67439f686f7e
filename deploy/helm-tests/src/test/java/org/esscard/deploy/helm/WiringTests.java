package org.esscard.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.esscard.deploy.helm.support.HelmChart;
import org.esscard.deploy.helm.support.HelmChart.Scenario;
import org.esscard.deploy.helm.support.Labels;
import org.esscard.deploy.helm.support.Manifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.strimzi.api.kafka.model.kafka.Kafka;

/** The objects fit together: selectors meet pods, routes meet ports, policies meet pods. */
class WiringTests {

    private static final Map<String, String> API_PREFIXES = Map.of(
            "account-service", "/api/accounts",
            "identity-service", "/api/identity",
            "permit-service", "/api/permits",
            "notification-service", "/api/notifications");
    private static final String JWKS = "/api/accounts/.well-known/jwks.json";
    /**
     * Who calls whom inside the cluster: the JWKS of account-service; account-service opens identity sessions and reads
     * the other services' parts of a holder's copy of their data.
     */
    private static final Map<String, List<String>> CALLERS = Map.of(
            "account-service", List.of("identity-service", "permit-service", "notification-service"),
            "identity-service", List.of("account-service"),
            // account-service reads their parts of a holder's copy of their data (issue 18)
            "permit-service", List.of("account-service"),
            "notification-service", List.of("account-service"));

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void everyServiceSelectsThePodsOfOneDeploymentOnANamedContainerPort(Scenario scenario) {
        Manifests manifests = HelmChart.manifests(scenario);
        for (Service service : manifests.all(Service.class)) {
            List<Deployment> selected = manifests.all(Deployment.class).stream()
                    .filter(d -> Labels.matches(service.getSpec().getSelector(), d.getSpec().getTemplate().getMetadata().getLabels()))
                    .toList();
            assertThat(selected).as(service.getMetadata().getName() + " selects").hasSize(1);
            Deployment deployment = selected.get(0);
            assertThat(deployment.getMetadata().getName()).isEqualTo(service.getMetadata().getName());
            for (ServicePort port : service.getSpec().getPorts()) {
                assertThat(containerPort(deployment, port.getTargetPort())).as(service.getMetadata().getName() + " targetPort").isNotNull();
            }
        }
        assertThat(manifests.all(Service.class)).hasSameSizeAs(manifests.all(Deployment.class));
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void everyIngressPathReachesAServicePort(Scenario scenario) {
        Manifests manifests = HelmChart.manifests(scenario);
        List<Ingress> ingresses = manifests.all(Ingress.class);
        assertThat(ingresses).as("one Ingress per route class of routes.txt").hasSize(3);
        for (Ingress ingress : ingresses) {
            for (var rule : ingress.getSpec().getRules()) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    var backend = path.getBackend().getService();
                    Service service = manifests.named(Service.class, backend.getName());
                    assertThat(service.getSpec().getPorts()).as(path.getPath())
                            .anyMatch(p -> Objects.equals(p.getName(), backend.getPort().getName())
                                    || Objects.equals(p.getPort(), backend.getPort().getNumber()));
                    assertThat(path.getPath()).as("nothing outside /api is routed").startsWith("/api/");
                }
            }
            assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> assertThat(tls.getSecretName()).isNotBlank());
        }
        Map<String, String> routes = ingresses.stream().flatMap(i -> i.getSpec().getRules().stream())
                .flatMap(r -> r.getHttp().getPaths().stream())
                .collect(Collectors.toMap(HTTPIngressPath::getPath, p -> p.getBackend().getService().getName()));
        API_PREFIXES.forEach((service, prefix) -> assertThat(routes).containsEntry(prefix, HelmChart.workload(service)));
        assertThat(routes).containsEntry(JWKS, HelmChart.workload("account-service"));
        assertThat(routes).containsEntry("/api/help", HelmChart.workload("account-service"));
        // the suite's merged OpenAPI document, which every service ships and account-service answers (issue 15)
        assertThat(routes).containsEntry("/api/openapi.json", HelmChart.workload("account-service"));
        assertThat(routes).allSatisfy((path, service) -> assertThat(API_PREFIXES.entrySet())
                .as(path + " lies under the prefix of the service it reaches").anyMatch(e -> HelmChart.workload(e.getKey()).equals(service)
                        && (path.startsWith(e.getValue() + "/") || path.equals(e.getValue()) || path.equals("/api/help")
                        || path.equals("/api/openapi.json"))));
    }

    @Test
    void theRoutedPrefixesAreTheServicesOwnPaths() throws Exception {
        for (var entry : API_PREFIXES.entrySet()) {
            Set<String> roots = restPaths(entry.getKey());
            assertThat(roots).as(entry.getKey() + " @Path roots").isNotEmpty()
                    .allMatch(p -> p.startsWith(entry.getValue()), "starts with " + entry.getValue());
        }
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void everyNetworkPolicySelectsPodsThatExist(Scenario scenario) {
        Manifests manifests = HelmChart.manifests(scenario);
        assertThat(manifests.all(NetworkPolicy.class)).isNotEmpty();
        for (NetworkPolicy policy : manifests.all(NetworkPolicy.class)) {
            assertThat(manifests.deploymentsSelectedBy(policy.getSpec().getPodSelector()))
                    .as(policy.getMetadata().getName() + " selects").isNotEmpty();
            assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            for (NetworkPolicyPeer peer : peers(policy)) {
                if (peer.getPodSelector() != null && peer.getNamespaceSelector() == null) {
                    assertThat(selectsPodsOfTheRelease(manifests, peer)).as(policy.getMetadata().getName() + " peer " + peer).isTrue();
                }
            }
        }
        for (Deployment deployment : manifests.all(Deployment.class)) {
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            List<String> denyAll = manifests.all(NetworkPolicy.class).stream()
                    .filter(p -> isEmpty(p.getSpec().getIngress()) && isEmpty(p.getSpec().getEgress())
                            && Labels.matches(p.getSpec().getPodSelector(), labels))
                    .map(p -> p.getMetadata().getName()).toList();
            assertThat(denyAll).as("default deny covers " + deployment.getMetadata().getName()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void onlyTheGatewayAndTheCallingServicesReachAService(Scenario scenario) {
        Manifests manifests = HelmChart.manifests(scenario);
        for (String service : API_PREFIXES.keySet()) {
            NetworkPolicy policy = manifests.named(NetworkPolicy.class, HelmChart.workload(service));
            int port = servicePort(manifests, service);
            List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
            assertThat(rules).as(service).allMatch(r -> r.getPorts().stream().allMatch(p -> p.getPort().getIntVal() == port));
            assertThat(rules).as(service + " from the gateway")
                    .anyMatch(r -> r.getFrom().stream().anyMatch(p -> p.getNamespaceSelector() != null
                            && p.getNamespaceSelector().getMatchLabels().containsValue("ingress-nginx")));
            List<String> inClusterCallers = rules.stream().flatMap(r -> r.getFrom().stream())
                    .filter(p -> p.getNamespaceSelector() == null && p.getPodSelector() != null)
                    .map(p -> p.getPodSelector().getMatchLabels().get("app.kubernetes.io/name")).toList();
            assertThat(inClusterCallers).as(service + " callers").containsExactlyInAnyOrderElementsOf(CALLERS.get(service));
        }
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void servicesMayCallOutOnlyToDnsDataServicesEachOtherAndVendors(Scenario scenario) {
        Manifests manifests = HelmChart.manifests(scenario);
        for (String service : API_PREFIXES.keySet()) {
            NetworkPolicy policy = manifests.named(NetworkPolicy.class, HelmChart.workload(service));
            Set<Integer> ports = policy.getSpec().getEgress().stream().flatMap(r -> r.getPorts().stream())
                    .map(NetworkPolicyPort::getPort).map(IntOrString::getIntVal).collect(Collectors.toSet());
            assertThat(ports).as(service + " egress ports").contains(53, 5432)
                    .isSubsetOf(53, 5432, 9092, 9093, 8081, 8082, 8083, 8084, 8089, 443);
            CALLERS.forEach((callee, callers) -> {
                if (callers.contains(service)) {
                    assertThat(ports).as(service + " calls " + callee).contains(servicePort(manifests, callee));
                }
            });
        }
        manifests.all(Deployment.class).stream().filter(d -> d.getMetadata().getName().endsWith("provider-simulator")).forEach(sim -> {
            NetworkPolicy policy = manifests.named(NetworkPolicy.class, sim.getMetadata().getName());
            assertThat(policy.getSpec().getEgress()).as("the simulator calls nobody").isEmpty();
            List<String> callers = policy.getSpec().getIngress().stream().flatMap(r -> r.getFrom().stream())
                    .map(p -> p.getPodSelector().getMatchLabels().get("app.kubernetes.io/name")).toList();
            assertThat(callers).containsExactlyInAnyOrder("identity-service", "notification-service");
        });
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void configurationPointsAtObjectsOfTheRelease(Scenario scenario) {
        Manifests manifests = HelmChart.manifests(scenario);
        String jwks = "http://" + HelmChart.workload("account-service") + ":" + servicePort(manifests, "account-service") + JWKS;
        for (Deployment deployment : manifests.all(Deployment.class)) {
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            for (var source : container.getEnvFrom()) {
                manifests.named(ConfigMap.class, source.getConfigMapRef().getName());
            }
            for (var volume : deployment.getSpec().getTemplate().getSpec().getVolumes()) {
                if (volume.getConfigMap() != null) {
                    manifests.named(ConfigMap.class, volume.getConfigMap().getName());
                }
            }
            Map<String, String> config = manifests.named(ConfigMap.class, deployment.getMetadata().getName()).getData();
            if (config.containsKey("MP_JWT_VERIFY_PUBLICKEY_LOCATION")) {
                assertThat(config.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION")).isEqualTo(jwks);
            }
            if (config.containsKey("KAFKA_BOOTSTRAP_SERVERS") && !manifests.all(Kafka.class).isEmpty()) {
                Kafka kafka = manifests.all(Kafka.class).get(0);
                int port = kafka.getSpec().getKafka().getListeners().get(0).getPort();
                assertThat(config.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(kafka.getMetadata().getName() + "-kafka-bootstrap:" + port);
            }
        }
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }

    static int servicePort(Manifests manifests, String workload) {
        return manifests.named(Service.class, HelmChart.workload(workload)).getSpec().getPorts().get(0).getPort();
    }

    private static ContainerPort containerPort(Deployment deployment, IntOrString target) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream())
                .filter(p -> target.getStrVal() != null ? target.getStrVal().equals(p.getName()) : target.getIntVal().equals(p.getContainerPort()))
                .findFirst().orElse(null);
    }

    private static List<NetworkPolicyPeer> peers(NetworkPolicy policy) {
        var in = policy.getSpec().getIngress() == null ? List.<NetworkPolicyPeer>of()
                : policy.getSpec().getIngress().stream().flatMap(r -> r.getFrom().stream()).toList();
        var out = policy.getSpec().getEgress() == null ? List.<NetworkPolicyPeer>of()
                : policy.getSpec().getEgress().stream().flatMap(r -> r.getTo().stream()).toList();
        return java.util.stream.Stream.concat(in.stream(), out.stream()).toList();
    }

    /** A same-namespace peer must select a workload of the chart or the pods of its Kafka or PostgreSQL cluster. */
    private static boolean selectsPodsOfTheRelease(Manifests manifests, NetworkPolicyPeer peer) {
        Map<String, String> wanted = peer.getPodSelector().getMatchLabels();
        if (!manifests.deploymentsSelectedBy(peer.getPodSelector()).isEmpty()) {
            return true;
        }
        boolean kafkaPods = manifests.all(Kafka.class).stream()
                .anyMatch(k -> Map.of("strimzi.io/cluster", k.getMetadata().getName(), "strimzi.io/kind", "Kafka").equals(wanted));
        boolean postgresPods = manifests.all(org.esscard.deploy.helm.support.CnpgModel.Cluster.class).stream()
                .anyMatch(c -> Map.of("cnpg.io/cluster", c.metadata().getName()).equals(wanted));
        return kafkaPods || postgresPods;
    }

    /** The first segment of every class-level JAX-RS @Path of a service. */
    private static Set<String> restPaths(String module) throws Exception {
        var pattern = java.util.regex.Pattern.compile("(?m)^@Path\\(\"([^\"]+)\"\\)");
        try (var files = java.nio.file.Files.walk(HelmChart.ROOT.resolve(module).resolve("src/main/java"))) {
            // resources only: REST clients (client/) name the paths of the services they call
            return files.filter(f -> f.toString().endsWith(".java") && !f.toString().contains("/client/")).flatMap(f -> {
                try {
                    var m = pattern.matcher(java.nio.file.Files.readString(f));
                    java.util.List<String> found = new java.util.ArrayList<>();
                    while (m.find()) {
                        found.add(m.group(1));
                    }
                    return found.stream();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.toSet());
        }
    }
}

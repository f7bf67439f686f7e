package org.esscard.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.esscard.deploy.helm.support.CnpgModel;
import org.esscard.deploy.helm.support.HelmChart;
import org.esscard.deploy.helm.support.HelmChart.Scenario;
import org.esscard.deploy.helm.support.Labels;
import org.esscard.deploy.helm.support.Manifests;
import org.esscard.deploy.helm.support.StrictManifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.RelabelConfig;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.common.metrics.JmxPrometheusExporterMetrics;
import io.strimzi.api.kafka.model.kafka.Kafka;

/**
 * Monitoring (issue 15, item 4): off by default; when asked for, monitors that reach exactly the four services' metrics
 * through the NetworkPolicy, the alert rules file carried as it is, the dashboard, and the Kafka and PostgreSQL metrics.
 */
class MonitoringTests {

    private static final List<String> SERVICES = List.of("account-service", "identity-service", "permit-service", "notification-service");
    private static final Path ALERTS = HelmChart.DIR.resolve("files/alerts.yaml");
    private static final Path DASHBOARD = HelmChart.DIR.resolve("files/dashboard.json");
    private static final Path OPERATIONS = HelmChart.ROOT.resolve("docs/OPERATIONS.md");
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> MONITORING_KINDS = Set.of("ServiceMonitor", "PodMonitor", "PrometheusRule");

    @ParameterizedTest
    @EnumSource(value = Scenario.class, names = {"DEFAULT", "PRODUCTION", "SIMULATOR", "EXTERNAL"})
    void monitoringIsOffUnlessAskedFor(Scenario scenario) {
        Manifests manifests = HelmChart.manifests(scenario);

        assertThat(manifests.kinds()).doesNotContainAnyElementsOf(MONITORING_KINDS);
        assertThat(manifests.all(ConfigMap.class)).noneMatch(c -> c.getMetadata().getName().endsWith("-dashboard")
                || c.getMetadata().getName().endsWith("-kafka-metrics"));
        manifests.all(Kafka.class).forEach(kafka -> {
            assertThat(kafka.getSpec().getKafkaExporter()).isNull();
            assertThat(kafka.getSpec().getKafka().getMetricsConfig()).isNull();
        });
        // without a creation time the key's age is unknown; the policy is always there
        assertThat(manifests.named(ConfigMap.class, HelmChart.workload("account-service")).getData())
                .doesNotContainKey("ESSCARD_TOKEN_KEY_CREATED_AT").containsEntry("ESSCARD_TOKEN_ROTATION_PERIOD", "P90D");
    }

    @Test
    void theServiceMonitorScrapesTheFourServicesOnTheirHttpPort_labellingEachSampleWithItsService() {
        Manifests manifests = HelmChart.manifests(Scenario.MONITORING);
        ServiceMonitor monitor = manifests.named(ServiceMonitor.class, HelmChart.workload("services"));

        List<String> selected = manifests.all(Service.class).stream()
                .filter(s -> Labels.matches(monitor.getSpec().getSelector(), s.getMetadata().getLabels()))
                .map(s -> s.getMetadata().getLabels().get("app.kubernetes.io/name")).toList();
        assertThat(selected).containsExactlyInAnyOrderElementsOf(SERVICES);
        assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.getPort()).isEqualTo("http");
            assertThat(endpoint.getPath()).isEqualTo("/q/metrics");
            assertThat(endpoint.getInterval()).isEqualTo("30s");
            assertAppLabel(endpoint.getRelabelings());
        });
        manifests.all(Service.class).stream().filter(s -> selected.contains(s.getMetadata().getLabels().get("app.kubernetes.io/name")))
                .forEach(s -> assertThat(s.getSpec().getPorts()).anyMatch(p -> "http".equals(p.getName())));
    }

    @Test
    void thePodMonitorScrapesTheSamePodsThroughTheirContainerPort() {
        for (Scenario scenario : List.of(Scenario.MONITORING_PRODUCTION, Scenario.MONITORING_EXTERNAL)) {
            Manifests manifests = HelmChart.manifests(scenario);
            PodMonitor monitor = manifests.named(PodMonitor.class, HelmChart.workload("services"));

            List<Deployment> selected = manifests.deploymentsSelectedBy(monitor.getSpec().getSelector());
            assertThat(selected).extracting(d -> d.getSpec().getTemplate().getMetadata().getLabels().get("app.kubernetes.io/name"))
                    .as(scenario.name()).containsExactlyInAnyOrderElementsOf(SERVICES);
            selected.forEach(d -> assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts())
                    .anyMatch(p -> "http".equals(p.getName())));
            assertThat(monitor.getSpec().getPodMetricsEndpoints()).singleElement().satisfies(endpoint -> {
                assertThat(endpoint.getPort()).isEqualTo("http");
                assertThat(endpoint.getPath()).isEqualTo("/q/metrics");
                assertAppLabel(endpoint.getRelabelings());
            });
            assertThat(manifests.kinds()).doesNotContain("ServiceMonitor");
        }
        // the Prometheus Operator's selector label, on every monitoring object
        Manifests production = HelmChart.manifests(Scenario.MONITORING_PRODUCTION);
        production.documents().stream().filter(d -> MONITORING_KINDS.contains(d.kind()))
                .forEach(d -> assertThat(labelsOf(d.object())).as(d.kind() + " " + d.name()).containsEntry("release", "kube-prometheus-stack"));
    }

    @ParameterizedTest
    @EnumSource(value = Scenario.class, names = {"MONITORING", "MONITORING_PRODUCTION", "MONITORING_EXTERNAL"})
    void theMetricsScraperReachesEveryServiceOnItsPort(Scenario scenario) {
        Manifests manifests = HelmChart.manifests(scenario);
        for (String service : SERVICES) {
            NetworkPolicy policy = manifests.named(NetworkPolicy.class, HelmChart.workload(service));
            int port = manifests.named(Deployment.class, HelmChart.workload(service)).getSpec().getTemplate().getSpec()
                    .getContainers().get(0).getPorts().get(0).getContainerPort();
            List<NetworkPolicyIngressRule> fromPrometheus = policy.getSpec().getIngress().stream()
                    .filter(rule -> rule.getFrom().stream().anyMatch(peer -> peer.getPodSelector() != null
                            && peer.getPodSelector().getMatchLabels() != null
                            && "prometheus".equals(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))))
                    .toList();
            assertThat(fromPrometheus).as(service).singleElement()
                    .satisfies(rule -> assertThat(rule.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(port));
        }
    }

    @Test
    void monitoringWithoutTheMetricsScraperIsRefused_forTheDefaultDenyPolicyWouldDropEveryScrape() {
        assertThatThrownBy(() -> HelmChart.templateWith(HelmChart.DIR, List.of(), Map.of("monitoring.serviceMonitor.enabled", true)))
                .hasMessageContaining("monitoring needs networkPolicy.metricsScraper.enabled");
        assertThatThrownBy(() -> HelmChart.templateWith(HelmChart.DIR, List.of(), Map.of("monitoring.kafka.enabled", true)))
                .hasMessageContaining("monitoring needs networkPolicy.metricsScraper.enabled");
        // without NetworkPolicies nothing stands in the way
        assertThat(HelmChart.templateWith(HelmChart.DIR, List.of(), Map.of("monitoring.serviceMonitor.enabled", true,
                "networkPolicy.enabled", false))).contains("kind: ServiceMonitor");
    }

    @Test
    void contradictoryMonitoringValuesAreRefused() {
        assertThatThrownBy(() -> HelmChart.templateWith(HelmChart.DIR, List.of(), Map.of("monitoring.serviceMonitor.enabled", true,
                "monitoring.podMonitor.enabled", true, "networkPolicy.metricsScraper.enabled", true)))
                .hasMessageContaining("choose one");
        assertThatThrownBy(() -> HelmChart.templateWith(HelmChart.DIR, List.of(HelmChart.testResource("values-external.yaml")),
                Map.of("monitoring.kafka.enabled", true, "networkPolicy.metricsScraper.enabled", true)))
                .hasMessageContaining("monitoring.kafka.enabled needs kafka.strimzi.enabled");
        assertThatThrownBy(() -> HelmChart.templateWith(HelmChart.DIR, List.of(HelmChart.testResource("values-external.yaml")),
                Map.of("monitoring.postgres.enabled", true, "networkPolicy.metricsScraper.enabled", true)))
                .hasMessageContaining("monitoring.postgres.enabled needs postgres.cnpg.enabled");
        assertThatThrownBy(() -> HelmChart.templateWith(HelmChart.DIR, List.of(), Map.of("monitoring.serviceMonitors.enabled", true)))
                .hasMessageContaining("serviceMonitors");
        assertThatThrownBy(() -> HelmChart.templateWith(HelmChart.DIR, List.of(), Map.of("secrets.tokenSigningKey.createdAt", "15 January")))
                .hasMessageContaining("createdAt");
    }

    @Test
    void thePrometheusRuleCarriesTheRulesFileAsItIs() throws IOException {
        PrometheusRule rule = HelmChart.manifests(Scenario.MONITORING).named(PrometheusRule.class, HelmChart.workload("alerts"));

        JsonNode shipped = StrictManifests.tree(rule.getSpec());
        JsonNode file = YAML.readTree(ALERTS.toFile());
        assertThat(shipped).isEqualTo(file);
    }

    @Test
    void aRunbookBaseUrlPrefixesEveryRunbookAndChangesNothingElse() throws IOException {
        PrometheusRule rule = HelmChart.manifests(Scenario.MONITORING_PRODUCTION).named(PrometheusRule.class, HelmChart.workload("alerts"));

        JsonNode expected = YAML.readTree(ALERTS.toFile());
        int runbooks = 0;
        for (JsonNode group : expected.path("groups")) {
            for (JsonNode each : group.path("rules")) {
                ObjectNode annotations = (ObjectNode) each.path("annotations");
                annotations.put("runbook_url", "https://git.esscard.example/esscard/blob/main/" + annotations.path("runbook_url").asText());
                runbooks++;
            }
        }
        assertThat(runbooks).isPositive();
        assertThat(StrictManifests.tree(rule.getSpec())).isEqualTo(expected);
    }

    @Test
    void everyAlertHasASeverityASummaryAndARunbookSectionInOperations() throws IOException {
        Set<String> anchors = anchors(Files.readString(OPERATIONS));
        List<String> alerts = new ArrayList<>();
        for (JsonNode group : YAML.readTree(ALERTS.toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                alerts.add(alert);
                assertThat(rule.path("labels").path("severity").asText()).as(alert).isIn("critical", "warning");
                assertThat(rule.path("annotations").path("summary").asText()).as(alert).isNotBlank();
                String runbook = rule.path("annotations").path("runbook_url").asText();
                assertThat(runbook).as(alert).isEqualTo("docs/OPERATIONS.md#" + alert.toLowerCase(Locale.ROOT));
                assertThat(anchors).as("a section of docs/OPERATIONS.md for " + alert).contains(alert.toLowerCase(Locale.ROOT));
            }
        }
        assertThat(alerts).containsExactlyInAnyOrder("EsscardOutboxEventsWaiting", "EsscardDeadLetters", "EsscardConsumerLag",
                "EsscardServerErrors", "EsscardShedding", "EsscardLoginLockoutSpike", "EsscardSigningKeyRotationOverdue");
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardReadIsInTheMetricsTableOfOperations() throws IOException {
        String operations = Files.readString(OPERATIONS);
        Set<String> used = new TreeSet<>();
        used.addAll(esscardMetrics(Files.readString(ALERTS)));
        used.addAll(esscardMetrics(Files.readString(DASHBOARD)));

        assertThat(used).isNotEmpty();
        assertThat(used).allSatisfy(metric -> assertThat(operations).as("docs/OPERATIONS.md, Metrics").contains("`" + metric + "`"));
    }

    @Test
    void theDashboardIsAConfigMapForGrafanasSidecar_withPanelsForWhatTheOperatorsWatch() throws IOException {
        ConfigMap dashboard = HelmChart.manifests(Scenario.MONITORING).named(ConfigMap.class, HelmChart.workload("dashboard"));

        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboard.getMetadata().getAnnotations()).containsEntry("grafana_folder", "eSSCard");
        JsonNode json = JSON.readTree(dashboard.getData().get("esscard.json"));
        assertThat(json).isEqualTo(JSON.readTree(DASHBOARD.toFile()));
        List<String> exprs = new ArrayList<>();
        json.path("panels").forEach(panel -> panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        assertThat(String.join("\n", exprs)).contains("http_server_requests_seconds_count", "http_server_requests_seconds_sum",
                "esscard_http_shed_total", "esscard_outbox_backlog", "esscard_outbox_oldest_age_seconds",
                "esscard_inbox_dead_letters_total", "kafka_consumergroup_lag", "esscard_login_failures_total",
                "esscard_login_lockouts_total", "esscard_delivery_given_up_total", "esscard_delivery_attempt_failures_total",
                "esscard_token_cache_total");
        assertThat(exprs).allSatisfy(expr -> assertThat(expr).contains("namespace=\"$namespace\""));
    }

    @Test
    void strimziRunsTheKafkaExporterAndTheJmxExporter_andAPodMonitorScrapesBoth() throws IOException {
        Manifests manifests = HelmChart.manifests(Scenario.MONITORING);
        Kafka kafka = manifests.all(Kafka.class).get(0);
        String name = kafka.getMetadata().getName();

        assertThat(kafka.getSpec().getKafkaExporter().getGroupRegex()).isEqualTo("^(account|identity|notification)-service$");
        assertThat(kafka.getSpec().getKafkaExporter().getTopicRegex()).isEqualTo("^(permit|identity|account)-events(\\..+\\.dlq)?$");
        assertThat(kafka.getSpec().getKafka().getMetricsConfig()).isInstanceOfSatisfying(JmxPrometheusExporterMetrics.class, metrics -> {
            var ref = metrics.getValueFrom().getConfigMapKeyRef();
            ConfigMap rules = manifests.named(ConfigMap.class, ref.getName());
            assertThat(rules.getData()).containsKey(ref.getKey());
            try {
                assertThat(YAML.readTree(rules.getData().get(ref.getKey())).path("rules").size()).isPositive();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        PodMonitor brokers = manifests.named(PodMonitor.class, name);
        // what Strimzi labels the broker and the Kafka exporter pods with, and names their metrics port
        assertThat(Labels.matches(brokers.getSpec().getSelector(), Map.of("strimzi.io/cluster", name, "strimzi.io/kind", "Kafka",
                "strimzi.io/name", name + "-kafka-exporter"))).isTrue();
        assertThat(Labels.matches(brokers.getSpec().getSelector(), Map.of("strimzi.io/cluster", "another", "strimzi.io/kind", "Kafka"))).isFalse();
        assertThat(brokers.getSpec().getPodMetricsEndpoints()).singleElement()
                .satisfies(endpoint -> assertThat(endpoint.getPort()).isEqualTo("tcp-prometheus"));
    }

    @Test
    void cloudNativePgIsScrapedByAPodMonitorOfTheChart_notByTheDeprecatedClusterField() {
        Manifests manifests = HelmChart.manifests(Scenario.MONITORING);
        CnpgModel.Cluster cluster = manifests.all(CnpgModel.Cluster.class).get(0);
        String name = cluster.metadata().getName();

        PodMonitor instances = manifests.named(PodMonitor.class, name);
        assertThat(instances.getSpec().getSelector().getMatchLabels()).containsExactlyEntriesOf(Map.of("cnpg.io/cluster", name));
        assertThat(instances.getSpec().getPodMetricsEndpoints()).singleElement()
                .satisfies(endpoint -> assertThat(endpoint.getPort()).isEqualTo("metrics"));
        // the Cluster model has no spec.monitoring at all: the strict parse would refuse enablePodMonitor
        assertThat(HelmChart.render(Scenario.MONITORING)).doesNotContain("enablePodMonitor");
    }

    @Test
    void theSigningKeysCreationTimeAndRotationPolicyReachAccountService() {
        Map<String, String> monitored = HelmChart.manifests(Scenario.MONITORING_PRODUCTION)
                .named(ConfigMap.class, HelmChart.workload("account-service")).getData();

        assertThat(monitored).containsEntry("ESSCARD_TOKEN_KEY_CREATED_AT", "2026-01-15T00:00:00Z")
                .containsEntry("ESSCARD_TOKEN_ROTATION_PERIOD", "P60D");
    }

    private static void assertAppLabel(List<RelabelConfig> relabelings) {
        assertThat(relabelings).anySatisfy(r -> {
            assertThat(r.getSourceLabels()).containsExactly("__meta_kubernetes_pod_label_app_kubernetes_io_name");
            assertThat(r.getTargetLabel()).isEqualTo("app");
        });
    }

    private static Map<String, String> labelsOf(Object object) {
        return ((io.fabric8.kubernetes.api.model.HasMetadata) object).getMetadata().getLabels();
    }

    /** The anchors GitHub makes of a Markdown file's headings: lower case, spaces to dashes, punctuation dropped. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new TreeSet<>();
        for (String line : markdown.split("\n")) {
            if (line.startsWith("#")) {
                String heading = line.replaceFirst("^#+\\s*", "").trim().toLowerCase(Locale.ROOT);
                anchors.add(heading.replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    private static Set<String> esscardMetrics(String text) {
        Set<String> metrics = new TreeSet<>();
        Matcher m = Pattern.compile("esscard_[a-z_]+").matcher(text);
        while (m.find()) {
            metrics.add(m.group());
        }
        return metrics;
    }
}

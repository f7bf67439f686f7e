package org.esscard.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.esscard.deploy.helm.support.HelmChart;
import org.esscard.deploy.helm.support.HelmChart.Scenario;
import org.esscard.deploy.helm.support.Manifests;
import org.esscard.deploy.helm.support.StrictManifests;
import org.esscard.deploy.helm.support.StrictManifests.StrictParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.CsvSource;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Every rendered object fits its model exactly; a wrong field anywhere in a template fails the build. */
class StrictParsingTests {

    private static final String REPLICAS_LINE = "  replicas: {{ $v.replicas }}";

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void everyRenderedObjectFitsItsModel(Scenario scenario) {
        Manifests manifests = HelmChart.manifests(scenario);

        assertThat(manifests.documents()).isNotEmpty();
        assertThat(manifests.kinds()).contains("ConfigMap", "Deployment", "NetworkPolicy", "Service", "ServiceAccount");
        assertThat(manifests.kinds()).as("secrets are referenced, never rendered").doesNotContain("Secret");
    }

    @Test
    void aMisspeltFieldInTheDeploymentTemplateFailsTheParse(@TempDir Path dir) throws IOException {
        Path chart = HelmChart.copy(dir.resolve("esscard"));
        Path template = chart.resolve("templates/deployment.yaml");
        String text = Files.readString(template);
        assertThat(text).contains(REPLICAS_LINE);
        Files.writeString(template, text.replace(REPLICAS_LINE, "  replica: {{ $v.replicas }}"));

        String rendered = HelmChart.template(chart, null, Map.of());

        assertThatThrownBy(() -> StrictManifests.parse(rendered))
                .isInstanceOf(StrictParseException.class)
                .hasMessageContaining("templates/deployment.yaml")
                .hasMessageContaining("\"replica\"");
        // the lenient reading that fabric8 does by default would have let it through
        String firstDeployment = rendered.substring(rendered.indexOf("# Source: esscard/templates/deployment.yaml"));
        firstDeployment = firstDeployment.substring(0, firstDeployment.indexOf("\n---"));
        Deployment lenient = Serialization.unmarshal(firstDeployment, Deployment.class);
        assertThat(lenient.getSpec().getAdditionalProperties()).containsKey("replica");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "kafkatopic-partition.yaml    | Unrecognized field \"partition\"",
            "cnpg-cluster-instance.yaml   | Missing required creator property 'instances'",
            "cnpg-database-reclaimpolicy.yaml | Unrecognized field \"reclaimPolicy\"",
            "kafkauser-acl-operations.yaml | Unrecognized field \"operatons\"",
            "objectstore-servername.yaml  | Unrecognized field \"serverName\"",
            "scheduledbackup-method.yaml  | barmanCloud",
            "networkpolicy-endport.yaml   | Unrecognized field \"endport\"",
            "deployment-port-as-text.yaml | containerPort",
            "secret.yaml                  | no model for apiVersion v1, kind Secret",
            "servicemonitor-endpoint.yaml | Unrecognized field \"endpoint\"",
            "prometheusrule-annotation.yaml | Unrecognized field \"annotation\""})
    void aBrokenFixtureTemplateFailsTheParse(String fixture, String reason, @TempDir Path dir) throws IOException {
        Path chart = HelmChart.copy(dir.resolve("esscard"));
        Files.copy(HelmChart.testResource("broken/" + fixture), chart.resolve("templates/zz-" + fixture));

        String rendered = HelmChart.template(chart, null, Map.of());

        assertThatThrownBy(() -> StrictManifests.parse(rendered))
                .isInstanceOf(StrictParseException.class)
                .hasMessageContaining("templates/zz-" + fixture)
                .hasMessageContaining(reason);
    }

    @Test
    void theSchemaRefusesAMisspeltValue() {
        assertThatThrownBy(() -> HelmChart.template(HelmChart.DIR, null, Map.of("services.permit.replica", 2)))
                .hasMessageContaining("replica");
        assertThatThrownBy(() -> HelmChart.template(HelmChart.DIR, null, Map.of("ingress.tls.secret", "x")))
                .hasMessageContaining("secret");
    }

    @Test
    void theSchemaRefusesATrustedProxyThatIsNotAnAddress() {
        // a name or "*" would let anyone who can resolve or reach it choose the client address limits count against
        assertThatThrownBy(() -> HelmChart.template(HelmChart.DIR, null, Map.of("ingress.trustedProxies", "*")))
                .hasMessageContaining("trustedProxies");
        assertThatThrownBy(() -> HelmChart.template(HelmChart.DIR, null, Map.of("ingress.trustedProxies", "ingress.example")))
                .hasMessageContaining("trustedProxies");
    }

    @Test
    void theSchemaRefusesAWrongType() {
        assertThatThrownBy(() -> HelmChart.template(HelmChart.DIR, null, Map.of("services.permit.replicas", "two")))
                .hasMessageContaining("replicas");
    }

    @Test
    void externalDataServicesNeedTheirAddresses() {
        assertThatThrownBy(() -> HelmChart.template(HelmChart.DIR, null, Map.of("kafka.strimzi.enabled", false,
                "networkPolicy.enabled", false)))
                .hasMessageContaining("kafka.external.bootstrapServers is required");
        assertThatThrownBy(() -> HelmChart.template(HelmChart.DIR, null, Map.of("postgres.cnpg.enabled", false,
                "networkPolicy.enabled", false)))
                .hasMessageContaining("postgres.external.host is required");
    }

    @Test
    void networkPoliciesNeedTheAddressesOfWhatIsOutsideTheCluster() {
        assertThatThrownBy(() -> HelmChart.template(HelmChart.DIR, null, Map.of("postgres.cnpg.enabled", false,
                "postgres.external.host", "pg.data.example")))
                .hasMessageContaining("postgres.external.peers is required");
        assertThatThrownBy(() -> HelmChart.template(HelmChart.DIR, null, Map.of("kafka.strimzi.enabled", false,
                "kafka.external.bootstrapServers", "kafka.data.example:9093")))
                .hasMessageContaining("kafka.external.peers is required");
        assertThatThrownBy(() -> HelmChart.template(HelmChart.DIR, null, Map.of("providers.url", "https://vendors.example")))
                .hasMessageContaining("networkPolicy.providers.peers is required");
    }

    @Test
    void everyModelKindIsRenderedSomewhere() {
        List<String> kinds = java.util.stream.Stream.of(Scenario.values())
                .flatMap(s -> HelmChart.manifests(s).kinds().stream()).distinct().sorted().toList();

        assertThat(kinds).containsExactlyInAnyOrder("Cluster", "ConfigMap", "Database", "Deployment", "HorizontalPodAutoscaler",
                "Ingress", "Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "NetworkPolicy", "ObjectStore", "PodDisruptionBudget",
                "ScheduledBackup", "Service", "ServiceAccount", "ServiceMonitor", "PodMonitor", "PrometheusRule");
    }
}

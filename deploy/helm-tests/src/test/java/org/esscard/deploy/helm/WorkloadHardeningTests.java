package org.esscard.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.esscard.deploy.helm.support.HelmChart;
import org.esscard.deploy.helm.support.HelmChart.Scenario;
import org.esscard.deploy.helm.support.Labels;
import org.esscard.deploy.helm.support.Manifests;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** Every workload: probes, resources, a locked-down security context, no API token, spread over nodes. */
class WorkloadHardeningTests {

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void everyContainerHasTheThreeProbesOnItsHttpPort(Scenario scenario) {
        SoftAssertions softly = new SoftAssertions();
        for (Deployment deployment : HelmChart.manifests(scenario).all(Deployment.class)) {
            for (Container c : containers(deployment)) {
                String where = deployment.getMetadata().getName() + "/" + c.getName();
                assertProbe(softly, where, c.getStartupProbe(), "/q/health/started");
                assertProbe(softly, where, c.getReadinessProbe(), "/q/health/ready");
                assertProbe(softly, where, c.getLivenessProbe(), "/q/health/live");
                softly.assertThat(c.getPorts()).as(where).anyMatch(p -> "http".equals(p.getName()));
            }
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void everyContainerHasCpuAndMemoryRequestsAndLimits(Scenario scenario) {
        SoftAssertions softly = new SoftAssertions();
        for (Deployment deployment : HelmChart.manifests(scenario).all(Deployment.class)) {
            for (Container c : containers(deployment)) {
                String where = deployment.getMetadata().getName() + "/" + c.getName();
                softly.assertThat(c.getResources().getRequests()).as(where + " requests").containsKeys("cpu", "memory");
                softly.assertThat(c.getResources().getLimits()).as(where + " limits").containsKeys("cpu", "memory");
            }
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void everyPodRunsLockedDown(Scenario scenario) {
        SoftAssertions softly = new SoftAssertions();
        for (Deployment deployment : HelmChart.manifests(scenario).all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            softly.assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name + " runAsNonRoot").isTrue();
            softly.assertThat(pod.getSecurityContext().getRunAsUser()).as(name + " runAsUser").isPositive();
            softly.assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
            softly.assertThat(pod.getAutomountServiceAccountToken()).as(name + " automountServiceAccountToken").isFalse();
            softly.assertThat(pod.getHostNetwork()).as(name).isNotEqualTo(Boolean.TRUE);
            for (Container c : pod.getContainers()) {
                var sc = c.getSecurityContext();
                String where = name + "/" + c.getName();
                softly.assertThat(sc.getRunAsNonRoot()).as(where + " runAsNonRoot").isTrue();
                softly.assertThat(sc.getReadOnlyRootFilesystem()).as(where + " readOnlyRootFilesystem").isTrue();
                softly.assertThat(sc.getAllowPrivilegeEscalation()).as(where + " allowPrivilegeEscalation").isFalse();
                softly.assertThat(sc.getPrivileged()).as(where + " privileged").isNotEqualTo(Boolean.TRUE);
                softly.assertThat(sc.getCapabilities().getDrop()).as(where + " capabilities.drop").containsExactly("ALL");
                softly.assertThat(sc.getCapabilities().getAdd()).as(where + " capabilities.add").isNullOrEmpty();
                softly.assertThat(sc.getSeccompProfile().getType()).as(where + " seccomp").isEqualTo("RuntimeDefault");
                // a read-only root needs a writable /tmp
                softly.assertThat(c.getVolumeMounts()).as(where + " /tmp")
                        .anyMatch(m -> m.getMountPath().equals("/tmp") && volume(pod, m.getName()).getEmptyDir() != null);
            }
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void everyWorkloadHasItsOwnServiceAccountWithoutAToken(Scenario scenario) {
        Manifests manifests = HelmChart.manifests(scenario);
        for (Deployment deployment : manifests.all(Deployment.class)) {
            String account = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
            assertThat(account).isEqualTo(deployment.getMetadata().getName());
            assertThat(manifests.named(ServiceAccount.class, account).getAutomountServiceAccountToken()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void everyWorkloadSpreadsOverNodes(Scenario scenario) {
        for (Deployment deployment : HelmChart.manifests(scenario).all(Deployment.class)) {
            List<TopologySpreadConstraint> spread = deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints();
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(spread).as(deployment.getMetadata().getName())
                    .anyMatch(t -> t.getTopologyKey().equals("kubernetes.io/hostname") && Labels.matches(t.getLabelSelector(), podLabels));
        }
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void disruptionBudgetsAndAutoscalersTargetADeployment(Scenario scenario) {
        Manifests manifests = HelmChart.manifests(scenario);
        for (PodDisruptionBudget pdb : manifests.all(PodDisruptionBudget.class)) {
            assertThat(manifests.deploymentsSelectedBy(pdb.getSpec().getSelector())).as(pdb.getMetadata().getName()).hasSize(1);
        }
        for (HorizontalPodAutoscaler hpa : manifests.all(HorizontalPodAutoscaler.class)) {
            var target = hpa.getSpec().getScaleTargetRef();
            assertThat(target.getKind()).isEqualTo("Deployment");
            Deployment deployment = manifests.named(Deployment.class, target.getName());
            assertThat(deployment.getSpec().getReplicas()).as("an autoscaled Deployment leaves replicas to its HPA").isNull();
            assertThat(hpa.getSpec().getMinReplicas()).isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
        }
        for (Deployment deployment : manifests.all(Deployment.class)) {
            if (!deployment.getMetadata().getName().endsWith("provider-simulator")) {
                assertThat(manifests.all(PodDisruptionBudget.class))
                        .as("PodDisruptionBudget of " + deployment.getMetadata().getName())
                        .anyMatch(p -> p.getMetadata().getName().equals(deployment.getMetadata().getName()));
            }
        }
    }

    private static void assertProbe(SoftAssertions softly, String where, Probe probe, String path) {
        softly.assertThat(probe).as(where + " probe " + path).isNotNull();
        if (probe != null) {
            softly.assertThat(probe.getHttpGet().getPath()).as(where).isEqualTo(path);
            softly.assertThat(probe.getHttpGet().getPort().getStrVal()).as(where).isEqualTo("http");
            softly.assertThat(probe.getPeriodSeconds()).as(where).isPositive();
            softly.assertThat(probe.getFailureThreshold()).as(where).isPositive();
        }
    }

    private static List<Container> containers(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers();
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }
}

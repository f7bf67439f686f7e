package org.esscard.deploy.helm.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/** The chart under test, rendered and linted by real Helm (helm-java's native library). */
public final class HelmChart {

    public static final String RELEASE = "esscard";
    public static final String NAMESPACE = "esscard";
    /** Helm's default capabilities say Kubernetes 1.20; the chart needs 1.30 (preStop sleep, matchLabelKeys). */
    public static final String KUBE_VERSION = "v1.31.0";

    /** deploy/helm/esscard */
    public static final Path DIR = Path.of(System.getProperty("esscard.chart", "../helm/esscard")).toAbsolutePath().normalize();
    /** The repository root, where each service's sources are. */
    public static final Path ROOT = Path.of(System.getProperty("esscard.root", "../..")).toAbsolutePath().normalize();
    public static final Path PRODUCTION_VALUES = DIR.resolve("values-production.yaml");

    private static final Map<Scenario, String> RENDERED = new ConcurrentHashMap<>();
    private static final Map<Scenario, Manifests> PARSED = new ConcurrentHashMap<>();

    private HelmChart() {
    }

    /** The value sets the tests render: the defaults, production, test variants, and each with monitoring on. */
    public enum Scenario {
        /** values.yaml alone */
        DEFAULT,
        /** values-production.yaml over values.yaml */
        PRODUCTION,
        /** the defaults with the provider simulator asked for */
        SIMULATOR,
        /** external Kafka and PostgreSQL instead of the operators (test resource values-external.yaml) */
        EXTERNAL,
        /** the defaults with every part of monitoring on: ServiceMonitor, rules, dashboard, Strimzi and CloudNativePG metrics */
        MONITORING,
        /** production with monitoring on through a PodMonitor, its rules and dashboard (test resource values-monitoring.yaml) */
        MONITORING_PRODUCTION,
        /** external Kafka and PostgreSQL with the services' PodMonitor and the rules: nothing of the operators to monitor */
        MONITORING_EXTERNAL;

        Map<String, Object> sets() {
            return switch (this) {
                case SIMULATOR -> Map.of("simulator.enabled", true);
                case MONITORING -> Map.of("monitoring.serviceMonitor.enabled", true, "monitoring.rules.enabled", true,
                        "monitoring.dashboards.enabled", true, "monitoring.kafka.enabled", true, "monitoring.postgres.enabled", true,
                        "networkPolicy.metricsScraper.enabled", true, "secrets.tokenSigningKey.createdAt", "2026-01-15T00:00:00Z");
                case MONITORING_EXTERNAL -> Map.of("monitoring.podMonitor.enabled", true, "monitoring.rules.enabled", true,
                        "networkPolicy.metricsScraper.enabled", true);
                default -> Map.of();
            };
        }

        /** The values files, in order (later ones win). */
        List<Path> valuesFiles() {
            return switch (this) {
                case PRODUCTION -> List.of(PRODUCTION_VALUES);
                case EXTERNAL, MONITORING_EXTERNAL -> List.of(testResource("values-external.yaml"));
                case MONITORING_PRODUCTION -> List.of(PRODUCTION_VALUES, testResource("values-monitoring.yaml"));
                default -> List.of();
            };
        }
    }

    public static String render(Scenario scenario) {
        return RENDERED.computeIfAbsent(scenario, s -> templateWith(DIR, s.valuesFiles(), s.sets()));
    }

    public static Manifests manifests(Scenario scenario) {
        return PARSED.computeIfAbsent(scenario, s -> StrictManifests.parse(render(s)));
    }

    /** {@code helm template} of a chart directory with an optional values file and --set values. */
    public static String template(Path chart, Path valuesFile, Map<String, Object> sets) {
        return templateWith(chart, valuesFile == null ? List.of() : List.of(valuesFile), sets);
    }

    /** {@code helm template} of a chart directory with values files (later ones win) and --set values. */
    public static String templateWith(Path chart, List<Path> valuesFiles, Map<String, Object> sets) {
        TemplateCommand command = new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
        for (Path valuesFile : valuesFiles) {
            command = command.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> set : new LinkedHashMap<>(sets).entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        return command.call();
    }

    /** {@code helm lint --strict} of a chart directory (with its own values.yaml). */
    public static LintResult lintStrict(Path chart) {
        return new Helm(chart).lint().strict().call();
    }

    /** A copy of the chart in a fresh directory, for tests that change it. */
    public static Path copy(Path target) {
        try (Stream<Path> files = Files.walk(DIR)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path destination = target.resolve(DIR.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path testResource(String name) {
        try {
            return Path.of(HelmChart.class.getClassLoader().getResource(name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("test resource " + name + " is missing", e);
        }
    }

    /** Resource name of a workload in this release, e.g. esscard-permit-service. */
    public static String workload(String name) {
        return RELEASE + "-" + name;
    }
}

package org.esscard.deploy.helm.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
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

    /** The value sets the tests render: the defaults, production, and two test variants. */
    public enum Scenario {
        /** values.yaml alone */
        DEFAULT,
        /** values-production.yaml over values.yaml */
        PRODUCTION,
        /** the defaults with the provider simulator asked for */
        SIMULATOR,
        /** external Kafka and PostgreSQL instead of the operators (test resource values-external.yaml) */
        EXTERNAL;

        Map<String, Object> sets() {
            return this == SIMULATOR ? Map.of("simulator.enabled", true) : Map.of();
        }

        Path valuesFile() {
            return switch (this) {
                case PRODUCTION -> PRODUCTION_VALUES;
                case EXTERNAL -> testResource("values-external.yaml");
                default -> null;
            };
        }
    }

    public static String render(Scenario scenario) {
        return RENDERED.computeIfAbsent(scenario, s -> template(DIR, s.valuesFile(), s.sets()));
    }

    public static Manifests manifests(Scenario scenario) {
        return PARSED.computeIfAbsent(scenario, s -> StrictManifests.parse(render(s)));
    }

    /** {@code helm template} of a chart directory with an optional values file and --set values. */
    public static String template(Path chart, Path valuesFile, Map<String, Object> sets) {
        TemplateCommand command = new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
        if (valuesFile != null) {
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

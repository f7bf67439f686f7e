package org.esscard.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.esscard.deploy.helm.support.HelmChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.LintResult;

/** {@code helm lint --strict}: warnings fail too, and the values are checked against values.schema.json. */
class ChartLintTests {

    private static final ObjectMapper YAML = new YAMLMapper();

    @Test
    void lintsStrictWithTheDefaultValues() {
        LintResult result = HelmChart.lintStrict(HelmChart.DIR);

        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    }

    /**
     * helm-java's lint takes no values file, so production is linted as Helm would see it after
     * {@code -f values-production.yaml}: a copy of the chart whose values.yaml is the defaults with the
     * production file merged over them (maps merged, everything else replaced, as Helm merges).
     */
    @Test
    void lintsStrictWithTheProductionValues(@TempDir Path dir) throws IOException {
        Path chart = HelmChart.copy(dir.resolve("esscard"));
        Map<String, Object> merged = merge(read(HelmChart.DIR.resolve("values.yaml")), read(HelmChart.PRODUCTION_VALUES));
        YAML.writeValue(chart.resolve("values.yaml").toFile(), merged);

        LintResult result = HelmChart.lintStrict(chart);

        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    }

    /** The same with every part of monitoring on (test resource values-monitoring.yaml over production). */
    @Test
    void lintsStrictWithMonitoringOn(@TempDir Path dir) throws IOException {
        Path chart = HelmChart.copy(dir.resolve("esscard"));
        Map<String, Object> merged = merge(merge(read(HelmChart.DIR.resolve("values.yaml")), read(HelmChart.PRODUCTION_VALUES)),
                read(HelmChart.testResource("values-monitoring.yaml")));
        YAML.writeValue(chart.resolve("values.yaml").toFile(), merged);

        LintResult result = HelmChart.lintStrict(chart);

        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    }

    @Test
    void lintFailsOnAValueTheSchemaDoesNotKnow(@TempDir Path dir) throws IOException {
        Path chart = HelmChart.copy(dir.resolve("esscard"));
        Files.writeString(chart.resolve("values.yaml"), "\nservices:\n  account:\n    replica: 2\n", java.nio.file.StandardOpenOption.APPEND);

        LintResult result = HelmChart.lintStrict(chart);

        assertThat(result.isFailed()).isTrue();
        assertThat(String.join("\n", result.getMessages())).contains("replica");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Path file) throws IOException {
        return YAML.readValue(file.toFile(), Map.class);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> result = new LinkedHashMap<>(base);
        over.forEach((key, value) -> {
            Object current = result.get(key);
            if (current instanceof Map && value instanceof Map) {
                result.put(key, merge((Map<String, Object>) current, (Map<String, Object>) value));
            } else {
                result.put(key, value);
            }
        });
        return result;
    }
}

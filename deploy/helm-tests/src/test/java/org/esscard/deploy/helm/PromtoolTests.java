package org.esscard.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.esscard.deploy.helm.support.HelmChart;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The chart's alert rules (deploy/helm/esscard/files/alerts.yaml, the file its PrometheusRule carries) through Prometheus'
 * own checker: {@code promtool check rules}, and {@code promtool test rules} with a case per alert that fires and one
 * that does not; and every query of the dashboard parsed by it. promtool is Debian's ({@code prometheus} package), installed by deploy/local/promtool.sh when missing.
 */
class PromtoolTests {

    private static final Path ALERTS = HelmChart.DIR.resolve("files/alerts.yaml");
    private static final Path DASHBOARD = HelmChart.DIR.resolve("files/dashboard.json");
    private static final String UNIT_TESTS = "promtool/alerts-test.yaml";

    private static String promtool;

    @BeforeAll
    static void ensurePromtool() throws Exception {
        Result ensured = run(HelmChart.ROOT, List.of("bash", HelmChart.ROOT.resolve("deploy/local/promtool.sh").toString(), "ensure"));
        assertThat(ensured.exit()).as("deploy/local/promtool.sh ensure:\n" + ensured.output()).isZero();
        String[] lines = ensured.output().strip().split("\n");
        promtool = lines[lines.length - 1].strip();
    }

    @Test
    void theRulesFilePassesPromtoolsCheck() throws Exception {
        Result check = run(HelmChart.DIR, List.of(promtool, "check", "rules", ALERTS.toString()));

        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: " + alertNames().size() + " rules found");
    }

    @Test
    void aBrokenRuleFailsTheCheck(@TempDir Path dir) throws Exception {
        // the check is no formality: a misspelt function fails it
        Path broken = Files.writeString(dir.resolve("alerts.yaml"),
                Files.readString(ALERTS).replace("max by (namespace, app) (esscard_outbox_oldest_age_seconds)",
                        "maximum by (namespace, app) (esscard_outbox_oldest_age_seconds)"));

        Result check = run(dir, List.of(promtool, "check", "rules", broken.toString()));

        assertThat(check.exit()).isNotZero();
        assertThat(check.output()).contains("FAILED", "EsscardOutboxEventsWaiting", "parse error");
    }

    @Test
    void everyAlertPassesItsUnitTests(@TempDir Path dir) throws Exception {
        Files.copy(ALERTS, dir.resolve("alerts.yaml"));
        Path tests = Files.copy(HelmChart.testResource(UNIT_TESTS), dir.resolve("alerts-test.yaml"));

        Result test = run(dir, List.of(promtool, "test", "rules", tests.toString()));

        assertThat(test.exit()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void everyQueryOfTheDashboardIsValidPromQl(@TempDir Path dir) throws Exception {
        // each panel's query as a recording rule, so promtool parses it as Prometheus would
        JsonNode dashboard = new com.fasterxml.jackson.databind.ObjectMapper().readTree(DASHBOARD.toFile());
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int queries = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText().replace("$namespace", "esscard");
                rules.append("      - record: esscard_dashboard:query_").append(++queries).append("\n")
                        .append("        expr: '").append(expr.replace("'", "''")).append("'\n");
            }
        }
        Path file = Files.writeString(dir.resolve("dashboard-queries.yaml"), rules);

        Result check = run(dir, List.of(promtool, "check", "rules", file.toString()));

        assertThat(queries).isPositive();
        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: " + queries + " rules found");
    }

    @Test
    void everyAlertHasACaseWhereItFiresAndOneWhereItDoesNot() throws IOException {
        JsonNode tests = new YAMLMapper().readTree(HelmChart.testResource(UNIT_TESTS).toFile());
        Set<String> fires = new HashSet<>();
        Set<String> silent = new HashSet<>();
        for (JsonNode group : tests.path("tests")) {
            for (JsonNode each : group.path("alert_rule_test")) {
                (each.path("exp_alerts").isEmpty() ? silent : fires).add(each.path("alertname").asText());
            }
        }

        assertThat(fires).as("alerts with a firing case").containsExactlyInAnyOrderElementsOf(alertNames());
        assertThat(silent).as("alerts with a case where they stay silent").containsExactlyInAnyOrderElementsOf(alertNames());
    }

    private static List<String> alertNames() throws IOException {
        List<String> names = new ArrayList<>();
        for (JsonNode group : new YAMLMapper().readTree(ALERTS.toFile()).path("groups")) {
            group.path("rules").forEach(rule -> names.add(rule.path("alert").asText()));
        }
        return names;
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path dir, List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 5 minutes");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}

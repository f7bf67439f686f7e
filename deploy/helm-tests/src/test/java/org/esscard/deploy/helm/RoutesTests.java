package org.esscard.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.esscard.deploy.helm.support.HelmChart;
import org.esscard.deploy.helm.support.HelmChart.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

/**
 * The chart's Ingresses and the local gateway (deploy/local/gateway.sh) are both made from routes.txt: each is
 * compared with the list, route by route and limit by limit, so neither can drift from it (nor from the other).
 */
class RoutesTests {

    private static final Path ROUTES = HelmChart.DIR.resolve("routes.txt");
    private static final Map<String, String> SERVICES = Map.of("account", "account-service", "identity", "identity-service",
            "permit", "permit-service", "notification", "notification-service");

    record RouteClass(String name, int rps, int burst, String body, String buffering) {
    }

    record Route(String path, String match, String service, String routeClass) {
    }

    private static final Map<String, RouteClass> CLASSES = new LinkedHashMap<>();
    private static final List<Route> ROUTE_LIST = new ArrayList<>();
    private static String nginx;

    @BeforeAll
    static void read() throws Exception {
        for (String line : Files.readAllLines(ROUTES, StandardCharsets.UTF_8)) {
            String[] f = line.strip().split("\\s+");
            if (line.isBlank() || f[0].startsWith("#")) {
                continue;
            }
            if (f[0].equals("class")) {
                CLASSES.put(f[1], new RouteClass(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[4], f[5]));
            } else {
                assertThat(f[0]).as(line).isEqualTo("route");
                ROUTE_LIST.add(new Route(f[1], f[2], f[3], f[4]));
            }
        }
        Path state = Path.of("target", "gateway-config").toAbsolutePath();
        ProcessBuilder config = new ProcessBuilder("bash", HelmChart.ROOT.resolve("deploy/local/gateway.sh").toString(), "config")
                .redirectErrorStream(true);
        config.environment().put("ESSCARD_GATEWAY_STATE", state.toString());
        Process process = config.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        nginx = Files.readString(state.resolve("nginx.conf"));
    }

    @Test
    void theListNamesEveryServiceAndOnlyApiPaths() {
        assertThat(ROUTE_LIST).extracting(Route::service).containsAll(SERVICES.keySet());
        assertThat(ROUTE_LIST).allSatisfy(r -> {
            assertThat(r.path()).startsWith("/api/");
            assertThat(CLASSES).containsKey(r.routeClass());
            assertThat(r.match()).isIn("exact", "prefix");
        });
        assertThat(ROUTE_LIST).extracting(Route::path).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void theChartMakesOneIngressPerClassWithItsLimitsAndExactlyItsRoutes(Scenario scenario) {
        List<Ingress> ingresses = HelmChart.manifests(scenario).all(Ingress.class);
        assertThat(ingresses).hasSameSizeAs(CLASSES.values());
        for (RouteClass c : CLASSES.values()) {
            Ingress ingress = ingresses.stream().filter(i -> i.getMetadata().getName().equals(HelmChart.RELEASE + "-" + c.name()))
                    .findFirst().orElseThrow(() -> new AssertionError("no Ingress for class " + c.name()));
            assertThat(ingress.getMetadata().getAnnotations())
                    .containsEntry("nginx.ingress.kubernetes.io/limit-rps", String.valueOf(c.rps()))
                    .containsEntry("nginx.ingress.kubernetes.io/limit-burst-multiplier", String.valueOf(c.burst()))
                    .containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", c.body())
                    .containsEntry("nginx.ingress.kubernetes.io/proxy-request-buffering", c.buffering());
            Map<String, String> paths = new TreeMap<>();
            for (HTTPIngressPath p : ingress.getSpec().getRules().get(0).getHttp().getPaths()) {
                paths.put(p.getPath(), p.getPathType() + " " + p.getBackend().getService().getName());
            }
            Map<String, String> expected = new TreeMap<>();
            ROUTE_LIST.stream().filter(r -> r.routeClass().equals(c.name())).forEach(r -> expected.put(r.path(),
                    (r.match().equals("exact") ? "Exact" : "Prefix") + " " + HelmChart.workload(SERVICES.get(r.service()))));
            assertThat(paths).as(ingress.getMetadata().getName()).isEqualTo(expected);
        }
    }

    @Test
    void theLocalGatewayHasEveryRouteWithItsClassesLimitsAndNothingElseUnderApi() {
        for (RouteClass c : CLASSES.values()) {
            assertThat(nginx).contains("limit_req_zone $binary_remote_addr zone=" + c.name() + ":10m rate=" + c.rps() + "r/s;");
        }
        Map<String, String> locations = new TreeMap<>();
        Matcher m = Pattern.compile("location (=|\\^~) (/api\\S*) \\{(.*?)\\n        \\}", Pattern.DOTALL).matcher(nginx);
        while (m.find()) {
            locations.put(m.group(1) + " " + m.group(2), m.group(3));
        }
        Map<String, String> expected = new TreeMap<>();
        for (Route r : ROUTE_LIST) {
            RouteClass c = CLASSES.get(r.routeClass());
            String body = "limit_req zone=" + c.name() + " burst=" + (c.rps() * c.burst()) + " nodelay;|client_max_body_size " + c.body()
                    + ";|" + (c.buffering().equals("off") ? "proxy_request_buffering off;|" : "") + "proxy_pass http://" + r.service() + ";";
            expected.put("= " + r.path(), body);
            if (r.match().equals("prefix")) {
                expected.put("^~ " + r.path() + "/", body);
            }
        }
        Map<String, String> actual = new TreeMap<>();
        locations.forEach((location, block) -> actual.put(location, String.join("|", block.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("error_page")).toList())));
        assertThat(actual).isEqualTo(expected);
        assertThat(locations).allSatisfy((location, block) -> assertThat(block)
                .as(location + " answers its own errors as problem+json (error_page is not inherited into it)")
                .contains("error_page 429 ").contains("error_page 502 503 504 =503 ").contains("error_page 413 /_errors/413-"));
    }
}

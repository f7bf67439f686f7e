package org.esscard.platform.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.esscard.platform.support.HeldRequestsResource;
import org.esscard.platform.testing.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Issue 14, item 4: a bounded number of requests in flight; beyond it a 503 problem+json with {@code Retry-After},
 * answered at once (while the admitted ones are still held, so it cannot have waited behind them); health and metrics
 * never refused; shed requests counted; a client that hangs up mid-request gives its place back.
 */
@QuarkusTest
@TestProfile(AdmissionControlTests.TwoInFlight.class)
class AdmissionControlTests {

    private static final int LIMIT = 2;
    private static final String HELD = "/api/test/held";
    private static final String PROBLEM_JSON = "application/problem+json";

    /** The platform's test app with room for two requests at once, told to come back in 2 s. */
    public static class TwoInFlight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("esscard.http.admission.max-in-flight", String.valueOf(LIMIT), "esscard.http.admission.retry-after", "2s");
        }
    }

    private final List<Socket> held = new ArrayList<>();

    @AfterEach
    void letGo() throws IOException {
        HeldRequestsResource.releaseAll();
        for (Socket socket : held) {
            socket.close();
        }
        held.clear();
        await().atMost(Duration.ofSeconds(30)).until(() -> metric("esscard_http_in_flight") == 0);
    }

    @Test
    void overload_theRequestBeyondTheLimitIsRefusedAtOnceWith503ProblemAndRetryAfter() throws Exception {
        fill();

        given().header("Accept-Language", "en").when().get(HELD)
                .then().statusCode(503).contentType(PROBLEM_JSON)
                .header("Retry-After", "2")
                .header("Content-Language", "en")
                .body("code", equalTo("SERVICE_OVERLOADED"))
                .body("status", equalTo(503))
                .body("type", equalTo("urn:esscard:problem:SERVICE_OVERLOADED"))
                .body("instance", equalTo(HELD))
                .body("retryAfterSeconds", equalTo(2))
                .body("detail", equalTo("The service is busy with too many requests at once. Please try again in 2 seconds."));
        // answered while both admitted requests are still held: it was not queued behind them
        assertThat(HeldRequestsResource.count()).isEqualTo(LIMIT);

        given().header("Accept-Language", "zh-CN,zh;q=0.9").when().get("/api/help")
                .then().statusCode(503).contentType(PROBLEM_JSON)
                .header("Content-Language", "zh-CN")
                .body("code", equalTo("SERVICE_OVERLOADED"))
                .body("detail", equalTo("服务繁忙，同时处理的请求过多。请 2 秒后再试。"));
    }

    @Test
    void overload_aRefusedRequestWithABodyIsNotReadAndItsConnectionCloses() throws Exception {
        fill();

        given().contentType(ContentType.TEXT).body("x".repeat(10_000)).when().post(HELD)
                .then().statusCode(503).contentType(PROBLEM_JSON)
                .header("Connection", "close")
                .body("code", equalTo("SERVICE_OVERLOADED"));
        assertThat(HeldRequestsResource.count()).isEqualTo(LIMIT);
    }

    @Test
    void overload_healthAndMetricsAreNeverRefused() throws Exception {
        fill();
        given().when().get(HELD).then().statusCode(503);

        for (String probe : List.of("/q/health/live", "/q/health/ready", "/q/health/started", "/q/health")) {
            given().when().get(probe).then().statusCode(200).body("status", equalTo("UP"));
        }
        assertThat(metric("esscard_http_in_flight")).isEqualTo(LIMIT);
        assertThat(HeldRequestsResource.count()).isEqualTo(LIMIT);
    }

    @Test
    void overload_shedRequestsAreCountedInAMetricOfTheirOwn() throws Exception {
        double before = metric("esscard_http_shed_total");
        double answered503 = Metrics.value("http_server_requests_seconds_count", Map.of("status", "503"));
        fill();

        for (int i = 0; i < 3; i++) {
            given().when().get(HELD).then().statusCode(503);
        }

        assertThat(metric("esscard_http_shed_total")).isEqualTo(before + 3);
        // they are 503s of the HTTP server's own metric too: the 5xx alert subtracts them (deploy/helm/esscard/files/alerts.yaml)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                Metrics.value("http_server_requests_seconds_count", Map.of("status", "503"))).isEqualTo(answered503 + 3));
        assertThat(metric("esscard_http_in_flight")).isEqualTo(LIMIT);
        assertThat(metric("esscard_http_in_flight_limit")).isEqualTo(LIMIT);
    }

    @Test
    void overload_afterTheHeldRequestsAreAnsweredEverythingServesAgain() throws Exception {
        fill();
        given().when().get("/api/help").then().statusCode(503);

        HeldRequestsResource.releaseAll();
        for (Socket socket : held) {
            assertThat(answer(socket)).startsWith("HTTP/1.1 200").endsWith("released");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> metric("esscard_http_in_flight") == 0);

        given().when().get("/api/help").then().statusCode(200);
        // both places are free again, and the limit still holds
        fill();
        given().when().get("/api/help").then().statusCode(503);
    }

    @Test
    void overload_aClientThatDropsItsConnectionMidRequestGivesItsPlaceBack() throws Exception {
        fill();
        given().when().get(HELD).then().statusCode(503);

        // one hangs up politely (FIN), the other resets (RST): neither answer is ever written
        Socket polite = held.remove(0);
        polite.close();
        Socket abrupt = held.remove(0);
        abrupt.setSoLinger(true, 0);
        abrupt.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> metric("esscard_http_in_flight") == 0);

        // their places serve others, and the limit still holds
        fill();
        given().when().get(HELD).then().statusCode(503);
    }

    /** Takes every place with a request held at the endpoint; returns once they are all there. */
    private void fill() throws Exception {
        for (int i = 0; i < LIMIT; i++) {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + HELD + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            held.add(socket);
        }
        HeldRequestsResource.awaitArrivals(LIMIT);
    }

    /** The whole answer on a connection the server closes after it. */
    private static String answer(Socket socket) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        for (int n; (n = in.read(buffer)) >= 0;) {
            all.write(buffer, 0, n);
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    /** A sample of the Prometheus scrape without labels, e.g. {@code esscard_http_shed_total}. */
    private static double metric(String name) {
        String scrape = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError("no " + name + " in /q/metrics");
    }
}

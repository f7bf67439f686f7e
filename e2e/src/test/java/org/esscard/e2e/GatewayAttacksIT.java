package org.esscard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.esscard.platform.testing.RawHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Attacks at the gateway of a local run (deploy/local/gateway.sh, nginx), the one proxy the services trust for the
 * client address: a forged X-Forwarded-For is overwritten, and what nginx refuses itself answers problem+json.
 */
class GatewayAttacksIT {

    /** A phone of its own: no other test calls from this loopback address, so its limit is this test's alone. */
    private static final String PHONE = "127.0.0.3";
    /** account-service's production limit: failures per client address per 15 minutes. */
    private static final int ADDRESS_MAX_FAILURES = 50;
    private static final int ATTEMPTS = 60;

    private static int gateway;

    @BeforeAll
    static void start() {
        var port = RunningSuite.get().gateway();
        assumeTrue(port.isPresent(), "nginx is not installed and cannot be (not root): the gateway's tests need it");
        gateway = port.getAsInt();
    }

    @Test
    void A3_rotatingForwardedFor() {
        // a staff username nobody has: only the address limit counts, no per-account lockout answers first
        String username = "a3-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] wrong = ("{\"username\":\"" + username + "\",\"password\":\"Wrong#2026\"}").getBytes(StandardCharsets.UTF_8);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < ATTEMPTS; i++) {
            // the phone claims another address each time; the gateway replaces the claim with the address it saw
            statuses.add(RawHttp.send(PHONE, gateway, "POST", "/api/accounts/staff/login",
                    Map.of("Content-Type", "application/json", "X-Forwarded-For", "198.51.100." + i), wrong, false).status());
        }
        assertThat(statuses.subList(0, ADDRESS_MAX_FAILURES)).containsOnly(401);
        assertThat(statuses.subList(ADDRESS_MAX_FAILURES, ATTEMPTS)).containsOnly(429);
    }

    @Test
    void A26_tooLongUriAndHeadersAnswerProblemJson() {
        RawHttp.Answer uri = RawHttp.send(PHONE, gateway, "GET", "/api/permits/" + "a".repeat(5_000), Map.of(), null, false);
        assertThat(uri.status()).isEqualTo(414);
        assertThat(uri.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(uri.body()).contains("\"code\":\"URI_TOO_LONG\"").contains("The address of the request is too long.");

        RawHttp.Answer header = RawHttp.send(PHONE, gateway, "GET", "/api/permits/mine",
                Map.of("Accept-Language", "zh-CN", "X-Padding", "a".repeat(5_000)), null, false);
        assertThat(header.status()).isEqualTo(431);
        assertThat(header.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(header.body()).contains("\"code\":\"HEADERS_TOO_LARGE\"");
    }

    @Test
    void A27_oversizedBodyIsRefusedAtTheGatewayInOurWords() {
        byte[] body = ("{\"name\":\"" + "X".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer answer = RawHttp.send(PHONE, gateway, "POST", "/api/accounts/registrations",
                Map.of("Content-Type", "application/json", "Accept-Language", "zh-CN"), body, false);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.header("Content-Language")).isEqualTo("zh-CN");
        assertThat(answer.body()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"").contains("64 KiB");
    }

    @Test
    void A30_aFloodFromOneAddressIsRefusedAtTheGatewayWith429InOurWords() {
        // the api class of routes.txt: 50 requests a second per address after a burst of 200; a phone of its own
        String flooder = "127.0.0.4";
        List<RawHttp.Answer> answers = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            answers.add(RawHttp.send(flooder, gateway, "GET", "/api/help", Map.of("Accept-Language", "zh-CN"), null, false));
        }
        assertThat(answers.subList(0, 200)).as("the burst passes").allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
        List<RawHttp.Answer> refused = answers.stream().filter(a -> a.status() == 429).toList();
        assertThat(refused).as("beyond the burst and the rate, refused").isNotEmpty();
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isIn(200, 429));
        RawHttp.Answer one = refused.get(0);
        assertThat(one.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(one.header("Retry-After")).isEqualTo("1");
        assertThat(one.body()).contains("\"code\":\"TOO_MANY_REQUESTS\"").contains("请求过多");
        // another address is not held back by this one
        assertThat(RawHttp.send("127.0.0.5", gateway, "GET", "/api/help", Map.of(), null, false).status()).isEqualTo(200);
    }

    @Test
    void A28_unroutedPathsAndServiceAnswersStayProblemJson() {
        // /q (health, metrics, Swagger UI) is not routed, as in the chart's Ingress
        RawHttp.Answer health = RawHttp.send(PHONE, gateway, "GET", "/q/health", Map.of(), null, false);
        assertThat(health.status()).isEqualTo(404);
        assertThat(health.header("Content-Type")).isEqualTo("application/problem+json");
        // a service's own problem passes unchanged
        RawHttp.Answer unauthorized = RawHttp.send(PHONE, gateway, "GET", "/api/permits/mine", Map.of(), null, false);
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.body()).contains("\"code\":\"UNAUTHORIZED\"");
    }
}

package org.esscard.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.esscard.account.config.LoginConfig;
import org.esscard.platform.testing.RawHttp;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * Attacks on the client address that limits count against: an {@code X-Forwarded-For} counts only from the trusted
 * proxy (in tests 127.0.0.1, the test itself playing the gateway); from any other peer it is ignored.
 */
@QuarkusTest
class ClientAddressAttacksTests {

    private static final int ATTEMPTS = 60;
    private static final String STAFF_LOGIN = "/api/accounts/staff/login";

    @Inject
    LoginConfig login;

    @Test
    void A3_rotatingForwardedFor() {
        // a username nobody has: only the address throttle counts, no per-account lockout can answer first
        String username = "a3-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] wrong = ("{\"username\":\"" + username + "\",\"password\":\"Wrong#2026\"}").getBytes(StandardCharsets.UTF_8);
        List<Integer> statuses = new ArrayList<>();
        RawHttp.Answer last = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            // straight at the service from a peer that is not the trusted proxy, naming another client each time
            last = RawHttp.send(RawHttp.OTHER_LOOPBACK, RestAssured.port, "POST", STAFF_LOGIN,
                    Map.of("Content-Type", "application/json", "X-Forwarded-For", "198.51.100." + i + ", 10.255.0.1"), wrong, false);
            statuses.add(last.status());
        }

        int limit = login.addressMaxFailures();
        assertThat(statuses.subList(0, limit)).as("the first %d failures", limit).containsOnly(401);
        assertThat(statuses.subList(limit, ATTEMPTS)).as("every attempt after the address's %d failures", limit).containsOnly(429);
        assertThat(last.header("Content-Type")).startsWith("application/problem+json");
        assertThat(last.body()).contains("\"code\":\"TOO_MANY_ATTEMPTS\"");

        // the trusted proxy's header does name the client: another client behind it is not the locked-out stranger
        given().header("X-Forwarded-For", "198.51.100.250").contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "Wrong#2026"))
                .when().post(STAFF_LOGIN)
                .then().statusCode(401).body("code", equalTo("INVALID_CREDENTIALS"));
    }
}

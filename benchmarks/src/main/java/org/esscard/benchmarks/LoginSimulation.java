package org.esscard.benchmarks;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * Holder logins (R12: social security number + password) at a fixed number of concurrent clients, each a different
 * holder in turn: the service's Argon2id slots are the bottleneck, so throughput against the hash bound is the figure.
 */
public class LoginSimulation extends Simulation {

    private final String baseUrl = System.getProperty("bench.login.url");
    private final List<String> numbers = List.of(System.getProperty("bench.login.ssns").split(","));
    private final String password = System.getProperty("bench.login.password");
    private final int clients = Integer.getInteger("bench.login.clients", 8);
    private final int seconds = Integer.getInteger("bench.login.seconds", 60);
    private final AtomicLong next = new AtomicLong();

    private final Iterator<Map<String, Object>> holders = Stream.generate(() -> {
        String ssn = numbers.get((int) (next.getAndIncrement() % numbers.size()));
        // many phones behind many addresses; the per-address throttle counts failures only anyway
        String address = "10." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(256) + ".7";
        return Map.<String, Object>of("ssn", ssn, "address", address);
    }).iterator();

    private final HttpProtocolBuilder protocol = http.baseUrl(baseUrl).contentTypeHeader("application/json")
            .acceptHeader("application/json").shareConnections();

    private final ScenarioBuilder login = scenario("login").feed(holders)
            .exec(http("POST /api/accounts/login").post("/api/accounts/login")
                    .header("X-Forwarded-For", "#{address}")
                    .body(StringBody("{\"socialSecurityNumber\":\"#{ssn}\",\"password\":\"" + password + "\"}"))
                    .check(status().is(200)));

    {
        setUp(login.injectClosed(constantConcurrentUsers(clients).during(Duration.ofSeconds(seconds)))).protocols(protocol);
    }
}

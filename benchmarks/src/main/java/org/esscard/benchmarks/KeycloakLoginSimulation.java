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
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/** The same load as {@link LoginSimulation} against Keycloak's password grant, with Argon2id at the same parameters. */
public class KeycloakLoginSimulation extends Simulation {

    private final String tokenUrl = System.getProperty("bench.keycloak.token-url");
    private final List<String> users = List.of(System.getProperty("bench.keycloak.users").split(","));
    private final String password = System.getProperty("bench.login.password");
    private final int clients = Integer.getInteger("bench.login.clients", 8);
    private final int seconds = Integer.getInteger("bench.login.seconds", 60);
    private final AtomicLong next = new AtomicLong();

    private final Iterator<Map<String, Object>> feeder = Stream.generate(
            () -> Map.<String, Object>of("user", users.get((int) (next.getAndIncrement() % users.size())))).iterator();

    private final HttpProtocolBuilder protocol = http.contentTypeHeader("application/x-www-form-urlencoded")
            .acceptHeader("application/json").shareConnections();

    private final ScenarioBuilder login = scenario("keycloak password grant").feed(feeder)
            .exec(http("POST token (password grant)").post(tokenUrl)
                    .body(StringBody("grant_type=password&client_id=bench&scope=openid&username=#{user}&password=" + password))
                    .check(status().is(200)));

    {
        setUp(login.injectClosed(constantConcurrentUsers(clients).during(Duration.ofSeconds(seconds)))).protocols(protocol);
    }
}

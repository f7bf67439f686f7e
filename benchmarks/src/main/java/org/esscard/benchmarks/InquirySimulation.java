package org.esscard.benchmarks;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * One step of the permit inquiry ladder: holders ask for their own permit ({@code GET /api/permits/mine}, JWT + one
 * read) at a constant arrival rate, over pooled keep-alive connections as a gateway would hold them.
 */
public class InquirySimulation extends Simulation {

    private static final long TOKEN_REUSE_SECONDS = 120;

    private final String baseUrl = System.getProperty("bench.inquiry.url");
    private final List<String> permits = List.of(System.getProperty("bench.inquiry.permits").split(","));
    private final double rate = Double.parseDouble(System.getProperty("bench.inquiry.rate", "100"));
    private final int seconds = Integer.getInteger("bench.inquiry.seconds", 20);
    private final Tokens tokens = new Tokens(Path.of(System.getProperty("bench.token.key")), System.getProperty("bench.token.kid"));
    private final AtomicLong next = new AtomicLong();
    // a holder keeps the step-up token for a while, as the app does (it lives 5 minutes)
    private final AtomicReferenceArray<String> cached = new AtomicReferenceArray<>(permits.size());
    private final long[] mintedAt = new long[permits.size()];

    private final Iterator<Map<String, Object>> holders = Stream.generate(() -> {
        int i = (int) (next.getAndIncrement() % permits.size());
        long now = System.nanoTime() / 1_000_000_000L;
        String token = cached.get(i);
        if (token == null || now - mintedAt[i] > TOKEN_REUSE_SECONDS) {
            token = tokens.holder(permits.get(i));
            cached.set(i, token);
            mintedAt[i] = now;
        }
        return Map.<String, Object>of("token", token);
    }).iterator();

    private final HttpProtocolBuilder protocol = http.baseUrl(baseUrl).acceptHeader("application/json").shareConnections();

    private final ScenarioBuilder inquiry = scenario("inquiry").feed(holders)
            .exec(http("GET /api/permits/mine").get("/api/permits/mine").header("Authorization", "Bearer #{token}")
                    .check(status().is(200)));

    {
        setUp(inquiry.injectOpen(constantUsersPerSec(rate).during(Duration.ofSeconds(seconds)))).protocols(protocol);
    }
}

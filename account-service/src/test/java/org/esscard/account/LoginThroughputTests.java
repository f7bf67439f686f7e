package org.esscard.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.esscard.account.service.credential.CredentialHashing;
import org.esscard.account.service.credential.PasswordHasher;
import org.esscard.account.support.Holders;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;

/**
 * Measures, and only prints: the Argon2id time of one password check on this machine, and the login throughput
 * of the running service with hashing capped at one per core. Nothing here asserts a time.
 */
@QuarkusTest
// a measurement, not a check: run on purpose with ./mvnw -pl account-service verify -Dgroups=benchmark -DexcludedTestGroups=
@Tag("benchmark")
class LoginThroughputTests {

    private static final int HASHES = 30;
    private static final int LOGINS = 240;
    private static final int CLIENTS = 8;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CredentialHashing hashing;

    @Test
    void measureHashTimeAndLoginThroughput() throws Exception {
        PasswordHasher hasher = new PasswordHasher();
        String hash = hasher.hash(Holders.PASSWORD);
        for (int i = 0; i < 5; i++) {
            hasher.verify(Holders.PASSWORD, hash);
        }
        long start = System.nanoTime();
        for (int i = 0; i < HASHES; i++) {
            assertThat(hasher.verify(Holders.PASSWORD, hash)).isTrue();
        }
        double hashMillis = (System.nanoTime() - start) / 1e6 / HASHES;

        // one holder per client: a holder logs in once at a time (more than 5 checks of one account at once are refused)
        List<Holders.Holder> holders = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Holders.Holder holder = Holders.withPermit(dataSource);
            Holders.login(holder.permitNumber(), Holders.PASSWORD, Holders.newAddress()).statusCode(200);
            holders.add(holder);
        }
        // a light client: RestAssured's own CPU would be measured with the service on the same 2 cores
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Long> latencies = new ArrayList<>();
        long began = System.nanoTime();
        try {
            List<Future<List<Long>>> answers = new ArrayList<>();
            for (Holders.Holder holder : holders) {
                answers.add(clients.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    HttpRequest login = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/accounts/login"))
                            .header("Content-Type", "application/json")
                            .header("X-Forwarded-For", Holders.newAddress())
                            .POST(HttpRequest.BodyPublishers.ofString("{\"permitNumber\":\"" + holder.permitNumber()
                                    + "\",\"password\":\"" + Holders.PASSWORD + "\"}"))
                            .build();
                    for (int i = 0; i < LOGINS / CLIENTS; i++) {
                        long t = System.nanoTime();
                        assertThat(http.send(login, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
                        mine.add(System.nanoTime() - t);
                    }
                    return mine;
                }));
            }
            for (Future<List<Long>> answer : answers) {
                latencies.addAll(answer.get());
            }
        } finally {
            clients.shutdownNow();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        latencies.sort(Long::compare);
        System.out.printf("%n[measurement] cores=%d, Argon2id m=19456 KiB t=2 p=1: %.1f ms per password check (mean of %d, one thread)%n",
                Runtime.getRuntime().availableProcessors(), hashMillis, HASHES);
        System.out.printf("[measurement] %d logins from %d concurrent clients in %.2f s: %.1f logins/s; latency p50 %.0f ms, p95 %.0f ms;"
                + " hashing slots %d%n%n", LOGINS, CLIENTS, seconds, LOGINS / seconds, latencies.get(LOGINS / 2) / 1e6,
                latencies.get(LOGINS * 95 / 100) / 1e6, hashing.available());
    }
}

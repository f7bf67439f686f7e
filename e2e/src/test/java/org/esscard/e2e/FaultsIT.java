package org.esscard.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.esscard.platform.testing.QuarkusAppProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.restassured.http.ContentType;

/**
 * Faults while the suite runs: the broker away, a service killed, the database restarted. Each ends with the suite
 * whole again, with nothing lost and nothing delivered twice.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class FaultsIT {

    private static final String NAME = "SMITH JOHN-PAUL";
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static RunningSuite suite;
    private static Authority authority;

    @BeforeAll
    static void suite() {
        suite = RunningSuite.get();
        authority = new Authority(suite);
    }

    /** The kinds of the inbox entries of one permit, as support sees them. */
    private static List<String> inboxKinds(String support, String permitNumber) {
        return given().auth().oauth2(support)
                .when().get(suite.notification.url("/api/notifications/support/permits/{n}/inbox"), permitNumber)
                .then().statusCode(200).extract().jsonPath().getList("items.kind", String.class);
    }

    private static long count(List<String> kinds, String kind) {
        return kinds.stream().filter(kind::equals).count();
    }

    @Test
    void F1_brokerStoppedFor30sWhile50PermitsAreCancelled_then50RemindersEachOnce() throws InterruptedException {
        String support = suite.staffLogin("support", "Support#2026");
        List<String> permits = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            permits.add(authority.issue(NAME));
        }
        await().atMost(PATIENCE).until(() -> permits.stream().allMatch(p -> inboxKinds(support, p).contains("PERMIT_ISSUED")));

        long stoppedAt = System.nanoTime();
        suite.broker.stop();
        try {
            // the authority's work goes on: each cancellation commits with its event in the outbox
            permits.forEach(p -> authority.cancel(p, "Employment ended"));
            Thread.sleep(Math.max(0, Duration.ofSeconds(30).toMillis() - Duration.ofNanos(System.nanoTime() - stoppedAt).toMillis()));
            assertThat(permits).allMatch(p -> count(inboxKinds(support, p), "PERMIT_CANCELLED") == 0);
        } finally {
            suite.broker.start();
        }
        long restartedAt = System.nanoTime();
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> permits.stream().allMatch(p -> count(inboxKinds(support, p), "PERMIT_CANCELLED") == 1));
        System.out.printf("F1: 50 cancellations made while the broker was down reached the inboxes %d ms after it came back%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartedAt));
        Thread.sleep(3_000); // late duplicates would show by now
        for (String permit : permits) {
            assertThat(inboxKinds(support, permit)).as(permit).containsExactly("PERMIT_CANCELLED", "PERMIT_ISSUED");
        }
        for (QuarkusAppProcess service : suite.services()) {
            await().atMost(PATIENCE).until(() -> service.readiness() == 200);
        }
    }

    @Test
    void F2_notificationServiceKilledWhileEventsFlow_restartedItLosesAndDoublesNothing() throws Exception {
        String support = suite.staffLogin("support", "Support#2026");
        int total = 80;
        List<String> permits = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger issued = new AtomicInteger();
        CompletableFuture<Void> flow = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < total; i++) {
                String permit = authority.issue(NAME);
                permits.add(permit);
                issued.incrementAndGet();
                if (i % 2 == 1) {
                    authority.cancel(permits.get(i - 1), "Employment ended");
                }
                pause(ThreadLocalRandom.current().nextInt(20, 60));
            }
        });
        await().atMost(PATIENCE).until(() -> issued.get() >= total / 4);
        long pid = suite.notification.pid();
        suite.notification.kill(); // SIGKILL: no shutdown hook, no offset commit, mid-transaction maybe
        assertThat(suite.notification.readiness()).isEqualTo(-1);
        int issuedAtKill = issued.get();
        suite.notification.start(Duration.ofSeconds(120));
        assertThat(suite.notification.pid()).isNotEqualTo(pid);
        System.out.printf("F2: notification-service killed after %d of %d permits, ready again in %d ms%n", issuedAtKill, total,
                suite.notification.startTime().toMillis());
        flow.get(3, TimeUnit.MINUTES);

        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            for (int i = 0; i < permits.size(); i++) {
                List<String> kinds = inboxKinds(support, permits.get(i));
                if (count(kinds, "PERMIT_ISSUED") != 1 || (i % 2 == 0 && count(kinds, "PERMIT_CANCELLED") != 1)) {
                    return false;
                }
            }
            return true;
        });
        Thread.sleep(3_000);
        for (int i = 0; i < permits.size(); i++) {
            List<String> expected = i % 2 == 0 ? List.of("PERMIT_CANCELLED", "PERMIT_ISSUED") : List.of("PERMIT_ISSUED");
            assertThat(inboxKinds(support, permits.get(i))).as(permits.get(i)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void F3_postgresRestarted_everyServiceGoesNotReadyAndBackAndServesAgainWithoutRestart() {
        Map<String, Long> pids = new java.util.HashMap<>();
        suite.services().forEach(s -> pids.put(s.name(), s.pid()));
        String authorityToken = suite.staffLogin("authority", "Authority#2026");

        suite.postgres.stop();
        try {
            for (QuarkusAppProcess service : suite.services()) {
                await(service.name() + " not ready without its database").atMost(PATIENCE).until(() -> service.readiness() == 503);
                given().when().get(service.url("/q/health/live")).then().statusCode(200);
            }
            // a request that needs the database is refused cleanly, not with a 500
            given().auth().oauth2(authorityToken).contentType(ContentType.JSON).body(Map.of(
                            "permitNumber", Authority.newPermitNumber(), "holderName", NAME, "passportNumber", Authority.PASSPORT,
                            "nationality", "GBR", "talentCategory", "B", "validUntil", LocalDate.now().plusYears(1).toString()))
                    .when().post(suite.permit.url("/api/permits"))
                    .then().statusCode(503).contentType("application/problem+json");
        } finally {
            suite.postgres.start();
        }
        for (QuarkusAppProcess service : suite.services()) {
            await(service.name() + " ready again").atMost(PATIENCE).until(() -> service.readiness() == 200);
        }
        suite.services().forEach(s -> assertThat(s.pid()).as(s.name() + " was not restarted").isEqualTo(pids.get(s.name())));

        // every service works again: a permit, a registration with face, a login, the inbox
        String permit = authority.issue(NAME);
        HolderApp app = new HolderApp(suite, NAME, permit, "Recover#2026", "en");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HolderApp.Registration registration = app.register(null);
            app.face(registration.session("REGISTRATION")).statusCode(200).body("status", equalTo("VERIFIED"));
            app.awaitActive(registration.accountId());
        });
        app.login().statusCode(200);
        await().atMost(PATIENCE).untilAsserted(() -> app.inbox().statusCode(200).body("items[0].kind", equalTo("PERMIT_ISSUED")));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

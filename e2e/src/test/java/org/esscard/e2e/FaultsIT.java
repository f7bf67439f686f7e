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
import org.esscard.platform.testing.SimulatorClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.restassured.http.ContentType;

/**
 * Faults while the suite runs: the broker away, a service killed, the database restarted, the vendors away. Each
 * ends with the suite whole again, with nothing lost and nothing delivered twice. F1 and F4 go through the gateway,
 * as Kubernetes's Ingress sees the services: what does not need the part that is down keeps answering.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class FaultsIT {

    private static final String NAME = "SMITH JOHN-PAUL";
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String PIN = "258147";

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

    /**
     * The broker away for 60 s while a phone logs in, steps up and reads its permit and the authority issues and
     * cancels permits, all through the gateway as in Kubernetes: every call answers 2xx, and no readiness or liveness
     * probe of any service fails even once (a failed readiness probe would take the pod out of its Service, so the
     * Ingress would answer 503 to all of it). Kafka's state shows in its own health group and in the outbox's gauges.
     * When the broker is back, every event made meanwhile reaches the inboxes exactly once.
     */
    @Test
    void F1_brokerStoppedFor60s_throughTheGatewayEveryCallAnswers2xx_probesStay200_everyEventArrivesOnce() throws InterruptedException {
        String gateway = gatewayUrl();
        Authority viaGateway = new Authority(suite, gateway);
        String support = suite.staffLogin("support", "Support#2026");
        List<String> permits = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            permits.add(authority.issue(NAME));
        }
        List<HolderApp> holders = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            HolderApp app = registeredWithPin(authority.issue(NAME));
            holders.add(app.viaGateway(gateway));
        }
        await().atMost(PATIENCE).until(() -> permits.stream().allMatch(p -> inboxKinds(support, p).contains("PERMIT_ISSUED")));

        List<String> issuedMeanwhile = new ArrayList<>();
        int calls = 0;
        long outage = Duration.ofSeconds(60).toNanos();
        long stoppedAt = System.nanoTime();
        suite.broker.stop();
        HealthWatch probes = HealthWatch.of(suite.services());
        try {
            for (int i = 0; System.nanoTime() - stoppedAt < outage || i < permits.size(); i++) {
                // a phone's pace, not a flood: the gateway's per-address rate (routes.txt) is not what this test is about
                long round = System.nanoTime();
                HolderApp holder = holders.get(i % holders.size());
                holder.login().statusCode(200);
                holder.enterPin(PIN).statusCode(200);
                holder.permitService("").statusCode(200).body("permitNumber", equalTo(holder.permitNumber));
                issuedMeanwhile.add(viaGateway.issue(NAME));
                calls += 4;
                if (i < permits.size()) {
                    viaGateway.cancel(permits.get(i), "Employment ended");
                    calls++;
                }
                pause(250 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - round));
                if (i == 0) {
                    // the broker's absence is seen where it belongs: its health group, and events waiting in the outbox
                    for (QuarkusAppProcess service : suite.services()) {
                        await(service.name() + " reports Kafka down in its health group").atMost(PATIENCE)
                                .until(() -> HealthWatch.status(service, "/q/health/group/kafka") == 503);
                    }
                    await().atMost(PATIENCE).until(() -> Settled.gauge(suite.permit, "esscard_outbox_backlog") >= 1
                            && Settled.gauge(suite.permit, "esscard_outbox_oldest_age_seconds") > 0);
                }
            }
            assertThat(permits).allMatch(p -> count(inboxKinds(support, p), "PERMIT_CANCELLED") == 0);
        } finally {
            suite.broker.start();
        }
        long restartedAt = System.nanoTime();
        System.out.printf("F1: broker away %d s: %d calls through the gateway, all 2xx; %d probe rounds of %d services%n",
                TimeUnit.NANOSECONDS.toSeconds(restartedAt - stoppedAt), calls, probes.rounds(), suite.services().size());
        try {
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                    .until(() -> permits.stream().allMatch(p -> count(inboxKinds(support, p), "PERMIT_CANCELLED") == 1)
                            && issuedMeanwhile.stream().allMatch(p -> count(inboxKinds(support, p), "PERMIT_ISSUED") == 1));
            System.out.printf("F1: %d cancellations and %d issues made while the broker was down reached the inboxes %d ms after it came back%n",
                    permits.size(), issuedMeanwhile.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartedAt));
            for (QuarkusAppProcess service : suite.services()) {
                await().atMost(PATIENCE).until(() -> HealthWatch.status(service, "/q/health/group/kafka") == 200);
            }
            await().atMost(PATIENCE).until(() -> Settled.gauge(suite.permit, "esscard_outbox_backlog") == 0);
        } finally {
            probes.close();
        }
        assertThat(probes.failures()).as("readiness and liveness answers other than 200").isEmpty();
        List<String> all = new ArrayList<>(permits);
        all.addAll(issuedMeanwhile);
        Settled.permitEvents(suite, all); // a late duplicate would be in the inbox by now
        for (String permit : permits) {
            assertThat(inboxKinds(support, permit)).as(permit).containsExactly("PERMIT_CANCELLED", "PERMIT_ISSUED");
        }
        for (String permit : issuedMeanwhile) {
            assertThat(inboxKinds(support, permit)).as(permit).containsExactly("PERMIT_ISSUED");
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
        Settled.permitEvents(suite, permits);
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

    /**
     * The vendors away (the provider simulator stopped: face, bank, carrier, SMS and push at once): logins, the
     * inquiry, issues and cancellations go on through the gateway with every probe at 200; face answers a clean
     * 503 PROVIDER_UNAVAILABLE; the cancellation's inbox entry is there at once, and its SMS goes out, once, when
     * the vendor is back.
     */
    @Test
    void F4_vendorsDown_theRestOfTheApiServes_faceAnswers503_theSmsGoesOutOnceWhenTheyReturn() {
        String gateway = gatewayUrl();
        Authority viaGateway = new Authority(suite, gateway);
        SimulatorClient simulator = new SimulatorClient(suite.simulator.url(""));
        String support = suite.staffLogin("support", "Support#2026");
        HolderApp holder = registeredWithPin(authority.issue(NAME)).viaGateway(gateway);
        String mobile = SimulatorClient.newMobile();
        HolderApp leaving = new HolderApp(suite, NAME, authority.issue(NAME), "Faults#2026", "en").registeredByMobile(simulator, mobile);
        // the mobile number reaches notification-service on account-events, the cancellation on permit-events: a
        // cancellation taken in before the number would have no SMS to send
        Settled.mobileKnown(suite, leaving.permitNumber);
        HolderApp newcomer = new HolderApp(suite, NAME, authority.issue(NAME), "Newcomer#2026", "zh-CN").viaGateway(gateway);
        HolderApp.Registration registration = await().atMost(PATIENCE).ignoreExceptions().until(() -> newcomer.register(null),
                java.util.Objects::nonNull);

        suite.simulator.stop();
        HealthWatch probes = HealthWatch.of(suite.services());
        try {
            newcomer.face(registration.session("REGISTRATION")).statusCode(503).contentType("application/problem+json")
                    .body("code", equalTo("PROVIDER_UNAVAILABLE"));
            viaGateway.cancel(leaving.permitNumber, "Employment ended");
            for (int i = 0; i < 5; i++) {
                holder.login().statusCode(200);
                holder.enterPin(PIN).statusCode(200);
                holder.permitService("").statusCode(200).body("permitNumber", equalTo(holder.permitNumber));
                viaGateway.cancel(viaGateway.issue(NAME), "Employment ended");
            }
            await().atMost(PATIENCE).until(() -> inboxKinds(support, leaving.permitNumber).contains("PERMIT_CANCELLED"));
            assertThat(smsOfCancellation(support, leaving.permitNumber)).isNotEqualTo("SENT");
        } finally {
            suite.simulator.start(Duration.ofSeconds(120));
        }
        try {
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                    .until(() -> "SENT".equals(smsOfCancellation(support, leaving.permitNumber)));
            newcomer.face(registration.session("REGISTRATION")).statusCode(200).body("status", equalTo("VERIFIED"));
        } finally {
            probes.close();
        }
        assertThat(probes.failures()).as("readiness and liveness answers other than 200").isEmpty();
        assertThat(simulator.sms(mobile)).filteredOn(text -> text.contains("Your work permit was cancelled")).hasSize(1);

        // the failed attempts were logged as production logs them: JSON lines, the number masked
        List<String> log = readLines(suite.notification.log());
        String masked = mobile.substring(0, mobile.length() - 8) + "****" + mobile.substring(mobile.length() - 4);
        List<String> attempts = log.stream().filter(line -> line.contains("attempt") && line.contains("failed")
                && line.contains(masked)).toList();
        assertThat(attempts).isNotEmpty().allSatisfy(line -> {
            assertThat(line).startsWith("{").endsWith("}");
            assertThat(io.restassured.path.json.JsonPath.from(line).getString("message")).contains(masked);
        });
        assertThat(log).noneMatch(line -> line.contains(mobile));
    }

    private static List<String> readLines(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The status of the SMS of a permit's cancellation reminder, as support sees it (null before there is one). */
    private static String smsOfCancellation(String support, String permitNumber) {
        List<String> statuses = given().auth().oauth2(support)
                .when().get(suite.notification.url("/api/notifications/support/permits/{n}/deliveries"), permitNumber)
                .then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.kind == 'PERMIT_CANCELLED' && it.channel == 'SMS' }.status", String.class);
        assertThat(statuses).hasSizeLessThanOrEqualTo(1);
        return statuses.isEmpty() ? null : statuses.get(0);
    }

    /** The gateway's base URL: these tests go through it, as the phone and the authority's system do. */
    private static String gatewayUrl() {
        var port = suite.gateway();
        assertThat(port).as("the faults are tested through the gateway (deploy/local/gateway.sh: nginx)").isPresent();
        return "http://127.0.0.1:" + port.getAsInt();
    }

    /** A holder registered with face, logged in, with a service PIN. */
    private static HolderApp registeredWithPin(String permit) {
        HolderApp app = new HolderApp(suite, NAME, permit, "Faults#2026", "en");
        // account-service learns of the permit from its event: the form is refused until then
        HolderApp.Registration registration = await().atMost(PATIENCE).ignoreExceptions().until(() -> app.register(null),
                java.util.Objects::nonNull);
        app.face(registration.session("REGISTRATION")).statusCode(200).body("status", equalTo("VERIFIED"));
        await().atMost(PATIENCE).until(() -> "ACTIVE".equals(app.registrationStatus(registration.accountId())));
        app.login().statusCode(200);
        app.setPin(PIN).statusCode(204);
        return app;
    }


    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

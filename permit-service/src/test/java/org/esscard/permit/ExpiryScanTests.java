package org.esscard.permit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.events.permit.PermitExpired;
import org.esscard.events.permit.PermitExpiring;
import org.esscard.events.permit.PermitStatus;
import org.esscard.permit.config.ExpiryConfig;
import org.esscard.permit.service.expiry.ExpiryScanner;
import org.esscard.permit.support.Permits;
import org.esscard.platform.outbox.Outbox;
import org.esscard.platform.testing.TestClock;
import org.esscard.platform.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/** The expiry scan with the clock moved: reminders at 30 and 7 days, then expiry; each exactly once. */
@QuarkusTest
class ExpiryScanTests {

    @Inject
    ExpiryScanner scanner;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Outbox outbox;

    @Inject
    ExpiryConfig config;

    @AfterEach
    void resetClock() {
        TestClock.CLOCK.reset();
    }

    @Test
    void R19_remindersAt30And7DaysThenExpiry_eachOnce() {
        LocalDate today = today();
        String number = Permits.issue("B", today.plusDays(40));

        moveTo(today.plusDays(10));
        scanner.scan();
        scanner.scan();
        moveTo(today.plusDays(33));
        scanner.scan();
        scanner.scan();
        moveTo(today.plusDays(41));
        scanner.scan();
        scanner.scan();

        List<CloudEvent> events = Permits.events(number, e -> e.size() >= 4);
        assertThat(events).extracting(CloudEvent::type).containsExactly("esscard.permit.PermitIssued.v1",
                PermitExpiring.TYPE, PermitExpiring.TYPE, PermitExpired.TYPE);
        PermitExpiring first = events.get(1).dataAs(PermitExpiring.class, EventJson.mapper());
        assertThat(first.thresholdDays()).isEqualTo(30);
        assertThat(first.daysLeft()).isEqualTo(30);
        PermitExpiring second = events.get(2).dataAs(PermitExpiring.class, EventJson.mapper());
        assertThat(second.thresholdDays()).isEqualTo(7);
        assertThat(second.daysLeft()).isEqualTo(7);
        PermitExpired expired = events.get(3).dataAs(PermitExpired.class, EventJson.mapper());
        assertThat(expired.permit().status()).isEqualTo(PermitStatus.EXPIRED);
        assertThat(expired.permit().version()).isEqualTo(1);
        given().auth().oauth2(TestTokens.permitAuthority()).when().get("/api/permits/" + number)
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("EXPIRED"));
    }

    @Test
    void R19_aPermitFoundWith5DaysLeftGetsOnlyThe7DayReminder() {
        LocalDate today = today();
        String number = Permits.issue("C", today.plusDays(5));

        scanner.scan();

        List<CloudEvent> events = Permits.events(number, e -> e.size() >= 2);
        assertThat(events).extracting(CloudEvent::type).containsExactly("esscard.permit.PermitIssued.v1", PermitExpiring.TYPE);
        assertThat(events.get(1).dataAs(PermitExpiring.class, EventJson.mapper()).thresholdDays()).isEqualTo(7);
    }

    @Test
    void R19_anExtensionOpensANewValidityPeriodWithItsOwnReminders() {
        LocalDate today = today();
        String number = Permits.issue("A", today.plusDays(20));
        scanner.scan();
        given().auth().oauth2(TestTokens.permitAuthority()).contentType(ContentType.JSON)
                .body(Map.of("validUntil", today.plusDays(25).toString()))
                .when().post("/api/permits/" + number + "/extension").then().statusCode(200);

        scanner.scan();

        List<CloudEvent> events = Permits.events(number, e -> e.size() >= 4);
        List<CloudEvent> reminders = events.stream().filter(e -> e.type().equals(PermitExpiring.TYPE)).toList();
        assertThat(reminders).hasSize(2);
        assertThat(reminders).extracting(e -> e.dataAs(PermitExpiring.class, EventJson.mapper()).permit().validUntil())
                .containsExactly(today.plusDays(20), today.plusDays(25));
    }

    @Test
    void R19_anExpiredPermitExtendedPastTodayIsActiveAgain() {
        LocalDate today = today();
        String number = Permits.issue("B", today.plusDays(3));
        moveTo(today.plusDays(4));
        scanner.scan();
        given().auth().oauth2(TestTokens.permitAuthority()).contentType(ContentType.JSON)
                .body(Map.of("validUntil", today.plusYears(1).toString()))
                .when().post("/api/permits/" + number + "/extension")
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("ACTIVE"));
    }

    @Test
    void R19_R20_theScansDayIsTheDayInChina() {
        LocalDate last = today().plusDays(3);
        String number = Permits.issue("B", last);

        // 15:30 UTC on its last day is 23:30 in China: still valid
        TestClock.CLOCK.set(last.atTime(15, 30).toInstant(ZoneOffset.UTC));
        ExpiryScanner.ScanReport lastEvening = scanner.scan();
        given().auth().oauth2(TestTokens.permitAuthority()).when().get("/api/permits/" + number)
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("ACTIVE"));
        // 16:30 UTC, still the same day in UTC, is 00:30 of the next day in China: expired
        TestClock.CLOCK.set(last.atTime(16, 30).toInstant(ZoneOffset.UTC));
        ExpiryScanner.ScanReport nextMorning = scanner.scan();

        assertThat(lastEvening.day()).isEqualTo(last);
        assertThat(nextMorning.day()).isEqualTo(last.plusDays(1));
        given().auth().oauth2(TestTokens.permitAuthority()).when().get("/api/permits/" + number)
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("EXPIRED"));
        List<CloudEvent> events = Permits.events(number, e -> e.size() >= 3);
        assertThat(events).extracting(CloudEvent::type).containsExactly("esscard.permit.PermitIssued.v1",
                PermitExpiring.TYPE, PermitExpired.TYPE);
        assertThat(events.get(1).dataAs(PermitExpiring.class, EventJson.mapper()).daysLeft()).isZero();
    }

    @Test
    void R19_twoInstancesScanningAtOnceEmitEachReminderOnce() throws Throwable {
        LocalDate today = today();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            numbers.add(Permits.issue("B", today.plusDays(1 + (i % 30))));
        }
        for (int i = 0; i < 20; i++) {
            numbers.add(Permits.issue("C", today.minusDays(1)));
        }
        // a second instance: its own scanner object over the same database, as another pod would have
        ExpiryScanner other = new ExpiryScanner(dataSource, outbox, TestClock.CLOCK, config);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<ExpiryScanner.ScanReport> a = pool.submit(scanner::scan);
        Future<ExpiryScanner.ScanReport> b = pool.submit(other::scan);
        a.get();
        b.get();
        pool.shutdown();

        assertThat(count("select count(*) from expiry_reminder where permit_number = any(?)", numbers)).isEqualTo(80);
        assertThat(count("select count(*) from outbox_message where event_type in ('" + PermitExpiring.TYPE + "', '"
                + PermitExpired.TYPE + "') and message_key = any(?)", numbers)
                + published(numbers)).isGreaterThanOrEqualTo(80);
        await().atMost(Duration.ofSeconds(30)).until(() -> published(numbers) == 80);
        java.util.Set<String> ours = new java.util.HashSet<>(numbers);
        java.util.function.Function<List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>>, Map<String, Long>> reminders =
                records -> records.stream().filter(r -> ours.contains(r.key()))
                        .filter(r -> r.value().contains(PermitExpiring.TYPE) || r.value().contains(PermitExpired.TYPE))
                        .collect(java.util.stream.Collectors.groupingBy(r -> r.key(), java.util.stream.Collectors.counting()));
        // a marker per permit after its reminders: a second copy of a reminder would come before it on its partition
        java.util.Set<String> markers = new java.util.HashSet<>();
        for (String number : numbers) {
            markers.add(io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> io.quarkus.hibernate.reactive.panache.Panache
                    .withTransaction(() -> outbox.add(org.esscard.events.Topics.PERMIT_EVENTS, new Marker(number)))).id());
        }
        var records = org.esscard.platform.testing.TopicReader.readUntil(org.esscard.events.Topics.PERMIT_EVENTS,
                r -> r.stream().map(org.apache.kafka.clients.consumer.ConsumerRecord::value)
                        .filter(v -> v.contains(Marker.TYPE)).count() >= markers.size(), Duration.ofSeconds(30));
        Map<String, Long> perPermit = reminders.apply(records);
        assertThat(perPermit).hasSize(80);
        assertThat(perPermit.values()).allMatch(n -> n == 1);
    }

    /** Reminders of these permits that left the outbox for Kafka: emitted minus still waiting. */
    private long published(List<String> numbers) throws Exception {
        long emitted = count("select count(*) from expiry_reminder where permit_number = any(?)", numbers);
        long waiting = count("select count(*) from outbox_message where event_type in ('" + PermitExpiring.TYPE + "', '"
                + PermitExpired.TYPE + "') and message_key = any(?)", numbers);
        return emitted - waiting;
    }

    private long count(String sql, List<String> numbers) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("varchar", numbers.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static LocalDate today() {
        return LocalDate.now(TestClock.CLOCK);
    }

    private static void moveTo(LocalDate day) {
        TestClock.CLOCK.set(day.atTime(2, 0).toInstant(ZoneOffset.UTC));
    }

    /** What no consumer knows: it follows a permit's events on its key, so reading up to it reads all before it. */
    record Marker(String permitNumber) implements org.esscard.events.EventPayload {

        static final String TYPE = "esscard.test.Marker.v1";

        @Override
        public String eventType() {
            return TYPE;
        }

        @Override
        public String subject() {
            return permitNumber;
        }
    }
}

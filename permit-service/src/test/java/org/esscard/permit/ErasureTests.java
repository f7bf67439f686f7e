package org.esscard.permit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.esscard.events.Topics;
import org.esscard.events.erasure.ErasureCarriedOut;
import org.esscard.events.permit.ErasureLifted;
import org.esscard.events.permit.ErasureRecorded;
import org.esscard.events.permit.HolderErased;
import org.esscard.permit.service.erasure.HolderErasures;
import org.esscard.permit.support.Permits;
import org.esscard.platform.privacy.ErasureLedger;
import org.esscard.platform.privacy.Pseudonyms;
import org.esscard.platform.testing.Sql;
import org.esscard.platform.testing.TestClock;
import org.esscard.platform.testing.TestTokens;
import org.esscard.platform.testing.TopicReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * Issue 18, retention and erasure at permit-service: support's erasure of the holder of a permit no longer in force, the
 * daily retention scan, the report gathered from the ledger, and the ledger's replay after a restore.
 */
@QuarkusTest
class ErasureTests {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    HolderErasures erasures;

    @Inject
    ErasureLedger ledger;

    @Inject
    Pseudonyms pseudonyms;

    @AfterEach
    void resetClock() {
        TestClock.CLOCK.reset();
    }

    @Test
    void supportErasesTheHolderOfACancelledPermit() throws SQLException {
        String number = Permits.issue("B", LocalDate.now().plusYears(1));
        cancel(number);
        String pseudonym = pseudonyms.of(number);

        JsonPath erasure = given().auth().oauth2(TestTokens.support()).contentType(ContentType.JSON).body(Map.of("permitNumber", number))
                .when().post("/api/permits/erasures")
                .then().statusCode(202).body("pseudonym", equalTo(pseudonym)).body("reason", equalTo("REQUEST"))
                .body("pseudonym", startsWith("~")).extract().jsonPath();
        assertThat(erasure.getString("pseudonym")).hasSize(20);

        // the record is gone under its number; its row stays under the pseudonym, every personal field empty
        given().auth().oauth2(TestTokens.permitAuthority()).when().get("/api/permits/" + number).then().statusCode(404);
        assertThat(Sql.count(dataSource, "select count(*) from work_permit where permit_number = ?", number)).isZero();
        assertThat(Sql.count(dataSource, "select count(*) from work_permit where permit_number = ? and holder_name = ''"
                + " and passport_number = '' and employer is null and status = 'CANCELLED' and erased_at is not null", pseudonym)).isEqualTo(1);

        // the other services are told; the ledger names no one
        List<ConsumerRecord<String, String>> ledgerRecords = TopicReader.readUntil(Topics.ERASURE_LEDGER,
                records -> records.stream().anyMatch(r -> pseudonym.equals(r.key()) && r.value().contains(ErasureRecorded.TYPE)),
                Duration.ofSeconds(30));
        assertThat(ledgerRecords).filteredOn(r -> r.key().startsWith(pseudonym)).allSatisfy(r -> assertThat(r.value()).doesNotContain(number));
        assertThat(Permits.events(number, events -> events.stream().anyMatch(e -> HolderErased.TYPE.equals(e.type()))))
                .filteredOn(e -> HolderErased.TYPE.equals(e.type())).singleElement()
                .satisfies(e -> assertThat(e.data().path("pseudonym").asText()).isEqualTo(pseudonym));

        // support sees permit-service's report, gathered from the ledger
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.support())
                .when().get("/api/permits/erasures/" + number)
                .then().statusCode(200).body("services.find { it.service == 'permit-service' }.rows.work_permit", equalTo(1))
                .body("complete", equalTo(false)));

        // rerunnable: asked again, it is sent again and finds nothing left here
        given().auth().oauth2(TestTokens.support()).contentType(ContentType.JSON).body(Map.of("permitNumber", number))
                .when().post("/api/permits/erasures").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.support())
                .when().get("/api/permits/erasures/" + number)
                .then().statusCode(200).body("services.find { it.service == 'permit-service' }.rows.work_permit", equalTo(0)));
        given().auth().oauth2(TestTokens.support()).when().get("/api/permits/erasures?limit=5")
                .then().statusCode(200).body("pseudonym", org.hamcrest.Matchers.hasItem(pseudonym));
    }

    @Test
    void aPermitInForceIsNotErased() {
        String number = Permits.issue("B", LocalDate.now().plusYears(1));
        given().auth().oauth2(TestTokens.support()).header("Accept-Language", "zh-CN").contentType(ContentType.JSON)
                .body(Map.of("permitNumber", number))
                .when().post("/api/permits/erasures")
                .then().statusCode(409).contentType("application/problem+json").body("code", equalTo("ERASURE_NOT_ALLOWED"))
                .body("detail", startsWith("该工作许可仍然有效"));
        given().auth().oauth2(TestTokens.permitAuthority()).when().get("/api/permits/" + number).then().statusCode(200);

        given().auth().oauth2(TestTokens.support()).contentType(ContentType.JSON).body(Map.of("permitNumber", Permits.newNumber()))
                .when().post("/api/permits/erasures").then().statusCode(404).body("code", equalTo("PERMIT_NOT_FOUND"));
        given().auth().oauth2(TestTokens.support()).when().get("/api/permits/erasures/" + number)
                .then().statusCode(404).body("code", equalTo("ERASURE_NOT_FOUND"));
        // only support
        given().auth().oauth2(TestTokens.permitAuthority()).contentType(ContentType.JSON).body(Map.of("permitNumber", number))
                .when().post("/api/permits/erasures").then().statusCode(403);
    }

    @Test
    void theRetentionScanErasesHoldersOfPermitsThatEndedLongerAgo() throws Throwable {
        String old = Permits.issue("B", LocalDate.now().plusYears(1));
        cancel(old);
        // two years and a day later, a permit cancelled then is past the retention; one cancelled that day is not
        TestClock.CLOCK.set(LocalDate.now().plusYears(2).plusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC));
        String recent = Permits.issue("B", LocalDate.now().plusYears(3));
        cancel(recent);

        int erased = VertxContextSupport.subscribeAndAwait(() -> erasures.scan());

        assertThat(erased).isGreaterThanOrEqualTo(1);
        assertThat(Sql.count(dataSource, "select count(*) from work_permit where permit_number = ?", old)).isZero();
        assertThat(Sql.count(dataSource, "select count(*) from work_permit where permit_number = ? and erased_at is null", recent)).isEqualTo(1);
        assertThat(Permits.events(old, events -> events.stream().anyMatch(e -> HolderErased.TYPE.equals(e.type()))))
                .filteredOn(e -> HolderErased.TYPE.equals(e.type())).singleElement()
                .satisfies(e -> assertThat(e.data().path("reason").asText()).isEqualTo("RETENTION"));
    }

    @Test
    void anErasedHolderRestoredFromABackupIsErasedAgainAtTheNextStart() throws SQLException {
        String number = Permits.issue("B", LocalDate.now().plusYears(1));
        cancel(number);
        String pseudonym = pseudonyms.of(number);
        given().auth().oauth2(TestTokens.support()).contentType(ContentType.JSON).body(Map.of("permitNumber", number))
                .when().post("/api/permits/erasures").then().statusCode(202);
        TopicReader.readUntil(Topics.ERASURE_LEDGER, records -> records.stream()
                .anyMatch(r -> pseudonym.equals(r.key()) && r.value().contains(ErasureRecorded.TYPE)), Duration.ofSeconds(30));

        // the database as a backup made before the erasure has it
        Sql.count(dataSource, "with t as (update work_permit set permit_number = ?, holder_name = ?, passport_number = ?,"
                + " nationality = 'GBR', erased_at = null where permit_number = ? returning 1) select count(*) from t",
                number, Permits.HOLDER_NAME, Permits.PASSPORT, pseudonym);
        given().auth().oauth2(TestTokens.permitAuthority()).when().get("/api/permits/" + number).then().statusCode(200);

        assertThat(ledger.replay()).isGreaterThanOrEqualTo(1);

        given().auth().oauth2(TestTokens.permitAuthority()).when().get("/api/permits/" + number).then().statusCode(404);
        assertThat(Sql.count(dataSource, "select count(*) from work_permit where permit_number = ? and holder_name = ''", pseudonym)).isEqualTo(1);
        List<ConsumerRecord<String, String>> reports = TopicReader.readUntil(Topics.ERASURE_LEDGER, records -> records.stream()
                .anyMatch(r -> (pseudonym + "/permit-service").equals(r.key()) && r.value().contains("\"replay\":true")), Duration.ofSeconds(30));
        assertThat(reports).filteredOn(r -> r.value().contains(ErasureCarriedOut.TYPE)).isNotEmpty();
    }

    @Test
    void aPermitIssuedAgainUnderAnErasedNumberIsNotErasedByTheNextReplay() {
        String number = Permits.issue("B", LocalDate.now().plusYears(1));
        cancel(number);
        String pseudonym = pseudonyms.of(number);
        given().auth().oauth2(TestTokens.support()).contentType(ContentType.JSON).body(Map.of("permitNumber", number))
                .when().post("/api/permits/erasures").then().statusCode(202);

        // the authority issues it again: a new record, and the ledger's entry for the pseudonym is lifted
        given().auth().oauth2(TestTokens.permitAuthority()).contentType(ContentType.JSON)
                .body(Permits.body(number, "A", LocalDate.now().plusYears(2)))
                .when().post("/api/permits").then().statusCode(201);
        TopicReader.readUntil(Topics.ERASURE_LEDGER, records -> records.stream()
                .anyMatch(r -> pseudonym.equals(r.key()) && r.value().contains(ErasureLifted.TYPE)), Duration.ofSeconds(30));

        ledger.replay();

        given().auth().oauth2(TestTokens.permitAuthority()).when().get("/api/permits/" + number)
                .then().statusCode(200).body("holderName", equalTo(Permits.HOLDER_NAME));
    }

    @Test
    void anImportsReportIsDeletedThirtyDaysAfterItFinished() {
        String line = "{\"permitNumber\":\"" + Permits.newNumber() + "\",\"holderName\":\"" + Permits.HOLDER_NAME
                + "\",\"passportNumber\":\"E12345678\",\"nationality\":\"IRL\",\"talentCategory\":\"B\",\"issueDate\":\"2025-01-01\","
                + "\"validUntil\":\"2027-12-31\"}\n{\"permitNumber\":\"bad\"}\n";
        String location = given().auth().oauth2(TestTokens.permitAuthority()).contentType("application/x-ndjson; charset=UTF-8")
                .body(line.getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post("/api/permits/imports")
                .then().statusCode(202).extract().header("Location");
        String path = location.substring(location.indexOf("/api/"));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(TestTokens.permitAuthority()).when().get(path)
                .then().extract().path("status"), status -> "COMPLETED".equals(status));

        assertThat(erasures.purgeImportReports()).as("a fresh report stays").isZero();
        given().auth().oauth2(TestTokens.permitAuthority()).when().get(path).then().statusCode(200);
        TestClock.CLOCK.set(java.time.Instant.now().plus(Duration.ofDays(31)));
        assertThat(erasures.purgeImportReports()).isGreaterThanOrEqualTo(1);
        given().auth().oauth2(TestTokens.permitAuthority()).when().get(path).then().statusCode(404).body("code", equalTo("IMPORT_NOT_FOUND"));
    }

    @Test
    void anOfficersCheckOfAnErasedHoldersOldQrNamesNoOne() throws SQLException {
        String number = Permits.issue("B", LocalDate.now().plusYears(1));
        // a QR the holder kept (a Notification Letter's lives 30 days)
        String qr = given().auth().oauth2(TestTokens.holder("acc-erased", number)).when().get("/api/permits/mine/qr")
                .then().statusCode(200).extract().path("text");
        cancel(number);
        given().auth().oauth2(TestTokens.support()).contentType(ContentType.JSON).body(Map.of("permitNumber", number))
                .when().post("/api/permits/erasures").then().statusCode(202);

        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body(Map.of("qr", qr))
                .when().post("/api/permits/qr/verifications")
                .then().statusCode(200).body("verdict", equalTo("PERMIT_NOT_FOUND")).body("permit", org.hamcrest.Matchers.nullValue());
        assertThat(Sql.count(dataSource, "select count(*) from qr_verification where permit_number = ?", number)).isZero();
        assertThat(Sql.count(dataSource, "select count(*) from qr_verification where permit_number = ?", pseudonyms.of(number))).isEqualTo(1);
    }

    private static void cancel(String number) {
        given().auth().oauth2(TestTokens.permitAuthority()).contentType(ContentType.JSON).body(Map.of("reason", "Employment ended"))
                .when().post("/api/permits/" + number + "/cancellation").then().statusCode(200);
    }
}

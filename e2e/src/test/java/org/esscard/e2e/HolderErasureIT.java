package org.esscard.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.esscard.platform.testing.QuarkusAppProcess;
import org.esscard.platform.testing.SimulatorClient;
import org.esscard.platform.testing.Sql;
import org.esscard.platform.testing.TestNames;
import org.esscard.platform.testing.TopicReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Issue 18, "done when", on the four real services: after support erases the holder of a cancelled permit, no service
 * returns or logs the holder's name, passport or mobile number, and neither a scan of each database nor of every
 * record written to Kafka since the erasure finds them; every service reported its part.
 */
class HolderErasureIT {

    private static final String PASSWORD = "Forget#2026";
    private static final List<String> DATABASES = List.of("esscard_account", "esscard_identity", "esscard_permit", "esscard_notification");

    private static RunningSuite suite;
    private static Authority authority;
    private static SimulatorClient simulator;

    @BeforeAll
    static void suite() {
        suite = RunningSuite.get();
        authority = new Authority(suite);
        simulator = new SimulatorClient(suite.simulator.url(""));
    }

    @Test
    void afterErasureNoServiceReturnsLogsOrKeepsTheHoldersNamePassportOrPhone() throws Exception {
        String name = TestNames.uniqueHolderName();
        String passport = TestNames.uniquePassport();
        String permit = authority.issue(Authority.newPermitNumber(), name, passport, "B", LocalDate.now().plusYears(1));
        String mobile = SimulatorClient.newMobile();
        // the number as the services write it (+86 and 11 digits) and as typed: the 11 digits find both
        String phone = mobile.substring(mobile.length() - 11);
        HolderApp holder = new HolderApp(suite, name, permit, PASSWORD, "en").registeredByMobile(simulator, mobile);
        holder.login().statusCode(200);
        Settled.mobileKnown(suite, permit);
        authority.cancel(permit, "Employment ended");
        for (String database : DATABASES) {
            assertThat(Sql.rowsContaining(dataSource(database), name, passport, phone)).as("%s before", database).isNotEmpty();
        }

        Instant erasedFrom = Instant.now();
        Map<QuarkusAppProcess, Long> logMarks = new HashMap<>();
        for (QuarkusAppProcess service : suite.services()) {
            logMarks.put(service, Files.size(service.log()));
        }
        String support = suite.staffLogin("support", "Support#2026");
        long requested = System.nanoTime();
        given().auth().oauth2(support).contentType(ContentType.JSON).body(Map.of("permitNumber", permit))
                .when().post(suite.permit.url("/api/permits/erasures"))
                .then().statusCode(202).body("reason", equalTo("REQUEST"));

        // every service reports its part to support
        JsonPath report = await("every service reports the erasure").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> given().auth().oauth2(support).when().get(suite.permit.url("/api/permits/erasures/" + permit))
                        .then().statusCode(200).extract().jsonPath(), r -> r.getBoolean("complete"));
        System.out.printf("erasure reported by all four services %d ms after support's request%n", (System.nanoTime() - requested) / 1_000_000);
        assertThat(report.getInt("services.find { it.service == 'account-service' }.rows.holder_account")).isEqualTo(1);
        assertThat(report.getInt("services.find { it.service == 'identity-service' }.rows.permit_subject")).isEqualTo(1);
        assertThat(report.getInt("services.find { it.service == 'notification-service' }.rows.recipient")).isEqualTo(1);
        assertThat(report.getInt("services.find { it.service == 'permit-service' }.rows.work_permit")).isEqualTo(1);
        assertThat(report.prettify()).doesNotContain(permit);
        // nothing is left under the permit number either (before the calls below: a login typing the number is new data,
        // the brute-force counter of an identifier nobody has)
        for (String database : DATABASES) {
            assertThat(Sql.rowsContaining(dataSource(database), name, passport, phone, permit)).as(database).isEmpty();
        }

        // no service returns the holder
        holder.login().statusCode(401);
        given().auth().oauth2(authority.token()).when().get(suite.permit.url("/api/permits/" + permit)).then().statusCode(404);
        given().auth().oauth2(support).queryParam("permit", permit).when().get(suite.identity.url("/api/identity/audit"))
                .then().statusCode(200).body("size()", equalTo(0));
        given().auth().oauth2(support).when().get(suite.notification.url("/api/notifications/support/permits/" + permit + "/deliveries"))
                .then().statusCode(200).body("size()", equalTo(0));

        // no database keeps them, no record written since holds them, no log line written since names them
        for (String database : DATABASES) {
            assertThat(Sql.rowsContaining(dataSource(database), name, passport, phone)).as(database).isEmpty();
        }
        List<ConsumerRecord<String, String>> written = TopicReader.writtenSince(erasedFrom);
        assertThat(written).as("records written since the erasure").isNotEmpty();
        System.out.printf("scanned %d Kafka records written since the erasure%n", written.size());
        assertThat(written).allSatisfy(r -> assertThat(r.topic() + " " + r.key() + " " + r.value()).as("a record of %s", r.topic())
                .doesNotContain(name).doesNotContain(passport).doesNotContain(phone));
        for (QuarkusAppProcess service : suite.services()) {
            assertThat(since(service.log(), logMarks.get(service))).as("%s's log since the erasure", service.name())
                    .doesNotContain(name).doesNotContain(passport).doesNotContain(phone);
        }
    }

    private static PGSimpleDataSource dataSource(String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(suite.postgres.jdbcUrl(database));
        dataSource.setUser("esscard");
        dataSource.setPassword("esscard");
        return dataSource;
    }

    private static String since(Path log, long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(offset);
            byte[] rest = new byte[(int) (file.length() - offset)];
            file.readFully(rest);
            return new String(rest, StandardCharsets.UTF_8);
        }
    }
}

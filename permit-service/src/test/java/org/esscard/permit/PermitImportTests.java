package org.esscard.permit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.esscard.events.CloudEvent;
import org.esscard.permit.support.Permits;
import org.esscard.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Bulk imports: good lines become permits with their events, bad lines are rejected one by one. */
@QuarkusTest
class PermitImportTests {

    @Test
    void ndjsonImportAppliesGoodLinesAndNamesEachBadLine() {
        String existing = Permits.issue("A", LocalDate.now().plusYears(1));
        String good1 = Permits.newNumber();
        String good2 = Permits.newNumber();
        String body = String.join("\n",
                line(good1, "B"),                                                       // 1 ok
                "{\"permitNumber\": \"" + Permits.newNumber() + "\",",                  // 2 broken JSON
                line(Permits.newNumber(), "D"),                                        // 3 no such category
                line(existing, "A"),                                                    // 4 exists already
                "{\"permitNumber\": \"" + Permits.newNumber() + "\", \"talentCategory\": \"A\"}", // 5 fields missing
                "",                                                                     // 6 empty
                line(good2, "C"),                                                       // 7 ok
                line(good2, "C"));                                                      // 8 same number again in the file

        JsonPath job = runImport(body, "application/x-ndjson", 8);

        assertThat(job.getLong("succeeded")).isEqualTo(2);
        assertThat(job.getLong("failed")).isEqualTo(6);
        assertThat(job.getList("errors.line", Integer.class)).containsExactly(2, 3, 4, 5, 6, 8);
        assertThat(job.getString("errors[0].reason")).startsWith("not JSON");
        assertThat(job.getString("errors[1].reason")).contains("talentCategory");
        assertThat(job.getString("errors[2].reason")).contains("already exists");
        assertThat(job.getString("errors[3].reason")).contains("holderName").contains("validUntil");
        assertThat(job.getString("errors[5].reason")).contains("already exists");
        given().auth().oauth2(TestTokens.permitAuthority()).when().get("/api/permits/" + good2)
                .then().statusCode(200).body("talentCategory", equalTo("C")).body("holderName", equalTo("O'NEIL, ÅSTRÖM MARÍA"));
        List<CloudEvent> events = Permits.events(good1, e -> !e.isEmpty());
        assertThat(events).extracting(CloudEvent::type).containsExactly("esscard.permit.PermitIssued.v1");
    }

    @Test
    void csvImportReadsTheHeaderAndQuotedFields() {
        String number = Permits.newNumber();
        String body = "permitNumber,holderName,passportNumber,nationality,employer,position,workCity,talentCategory,issueDate,validUntil\n"
                + number + ",\"O'NEIL, ÅSTRÖM MARÍA\",E12345678,IRL,\"Example \"\"Quoted\"\" Ltd\",Engineer,Shenzhen,A,2025-01-01,2027-12-31\n"
                + Permits.newNumber() + ",SHORT ROW,E1\n";

        JsonPath job = runImport(body, "text/csv", 2);

        assertThat(job.getLong("succeeded")).isEqualTo(1);
        assertThat(job.getList("errors.line", Integer.class)).containsExactly(3);
        given().auth().oauth2(TestTokens.permitAuthority()).when().get("/api/permits/" + number)
                .then().statusCode(200)
                .body("holderName", equalTo("O'NEIL, ÅSTRÖM MARÍA"))
                .body("employer", equalTo("Example \"Quoted\" Ltd"));
    }

    @Test
    void aQuotedLineBreakInACsvFieldStaysInTheFieldAndLaterRecordsKeepTheirLineNumbers() {
        String multiLine = Permits.newNumber();
        String after = Permits.newNumber();
        String body = "permitNumber,holderName,passportNumber,nationality,employer,position,workCity,talentCategory,issueDate,validUntil\r\n"
                + multiLine + ",ALICE EXAMPLE,E12345678,IRL,\"Example Ltd\r\nShenzhen branch\",Engineer,Shenzhen,A,2025-01-01,2027-12-31\r\n"
                + after + ",BOB EXAMPLE,E12345679,IRL,Example Ltd,Engineer,Shenzhen,B,2025-01-01,2027-12-31\r\n"
                + Permits.newNumber() + ",\"" + "X".repeat(9_000) + "\",E1\r\n"
                + Permits.newNumber() + ",SHORT ROW,E1\r\n";

        // four records on six lines: the header, one record over two lines, one too long, one short
        JsonPath job = runImport(body, "text/csv", 4);

        assertThat(job.getLong("succeeded")).isEqualTo(2);
        assertThat(job.getList("errors.line", Integer.class)).containsExactly(5, 6);
        assertThat(job.getString("errors[0].reason")).isEqualTo("record longer than 8192 characters; not read");
        assertThat(job.getString("errors[1].reason")).isEqualTo("expected 10 fields, found 3");
        given().auth().oauth2(TestTokens.permitAuthority()).when().get("/api/permits/" + multiLine)
                .then().statusCode(200).body("employer", equalTo("Example Ltd\r\nShenzhen branch"));
        given().auth().oauth2(TestTokens.permitAuthority()).when().get("/api/permits/" + after)
                .then().statusCode(200).body("holderName", equalTo("BOB EXAMPLE"));
    }

    @Test
    void aHundredThousandLinesInOneImport() {
        StringBuilder body = new StringBuilder(30_000_000);
        String prefix = "X" + Permits.newNumber().substring(1, 8);
        for (int i = 0; i < 100_000; i++) {
            body.append(line(prefix + String.format("%07d", i), i % 3 == 0 ? "A" : "B")).append('\n');
        }

        long start = System.nanoTime();
        JsonPath job = runImport(body.toString(), "application/x-ndjson", 100_000);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(job.getLong("succeeded")).isEqualTo(100_000);
        assertThat(job.getLong("failed")).isZero();
        System.out.printf("import: 100000 lines in %d ms (%.0f lines/s)%n", millis, 100_000 * 1000.0 / millis);
    }

    @Test
    void anUploadThatIsNotUtf8StopsWithTheLineNamedNotA500() {
        // Latin-1 bytes declared as UTF-8: "Å" is one byte 0xC5, which UTF-8 cannot read
        byte[] latin1 = (line(Permits.newNumber(), "A") + "\n" + line(Permits.newNumber(), "B"))
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        String location = given().auth().oauth2(TestTokens.permitAuthority()).contentType("application/x-ndjson; charset=UTF-8").body(latin1)
                .when().post("/api/permits/imports")
                .then().statusCode(202).extract().header("Location");
        String path = location.substring(location.indexOf("/api/"));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(TestTokens.permitAuthority())
                .when().get(path).then().extract().path("status"), s -> "FAILED".equals(s));
        given().auth().oauth2(TestTokens.permitAuthority()).when().get(path)
                .then().body("message", org.hamcrest.Matchers.containsString("line 1")).body("succeeded", equalTo(0));
    }

    @Test
    void importsAreForThePermitAuthorityOnly() {
        given().auth().oauth2(TestTokens.holder("acc", "W1")).contentType("application/x-ndjson").body("{}".getBytes())
                .when().post("/api/permits/imports").then().statusCode(403);
        given().auth().oauth2(TestTokens.permitAuthority()).contentType("application/xml").body("<x/>")
                .when().post("/api/permits/imports").then().statusCode(415).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        given().auth().oauth2(TestTokens.permitAuthority())
                .when().get("/api/permits/imports/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).body("code", equalTo("IMPORT_NOT_FOUND"));
    }

    private static JsonPath runImport(String body, String contentType, long total) {
        String location = given().auth().oauth2(TestTokens.permitAuthority()).contentType(contentType + "; charset=UTF-8")
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/permits/imports")
                .then().statusCode(202).body("total", equalTo((int) total)).extract().header("Location");
        String path = location.substring(location.indexOf("/api/"));
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() -> given()
                .auth().oauth2(TestTokens.permitAuthority()).when().get(path).then().extract().path("status"), s -> !"RUNNING".equals(s));
        return given().auth().oauth2(TestTokens.permitAuthority()).when().get(path)
                .then().statusCode(200).body("status", equalTo("COMPLETED")).body("processed", equalTo((int) total))
                .extract().jsonPath();
    }

    private static String line(String number, String category) {
        return "{\"permitNumber\":\"" + number + "\",\"holderName\":\"O'NEIL, ÅSTRÖM MARÍA\",\"passportNumber\":\"E12345678\","
                + "\"nationality\":\"IRL\",\"talentCategory\":\"" + category + "\",\"issueDate\":\"2025-01-01\",\"validUntil\":\"2027-12-31\"}";
    }

}

package org.esscard.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.restassured.http.ContentType;

/** The permit authority's system: it logs in as staff and issues and cancels work permits at permit-service. */
public final class Authority {

    public static final String PASSPORT = "533380006";

    private final RunningSuite suite;
    /** Where the authority's calls go: null for permit-service's own port, else the gateway's base URL. */
    private final String gateway;
    private String token;
    private Instant tokenAt = Instant.EPOCH;

    Authority(RunningSuite suite) {
        this(suite, null);
    }

    /** The authority's system calling through the gateway at {@code gatewayBaseUrl}. */
    Authority(RunningSuite suite, String gatewayBaseUrl) {
        this.suite = suite;
        this.gateway = gatewayBaseUrl;
    }

    private String url(String path) {
        return gateway == null ? suite.permit.url(path) : gateway + path;
    }

    synchronized String token() {
        if (tokenAt.isBefore(Instant.now().minusSeconds(600))) {
            token = gateway == null ? suite.staffLogin("authority", "Authority#2026")
                    : given().contentType(ContentType.JSON).body(Map.of("username", "authority", "password", "Authority#2026"))
                            .when().post(gateway + "/api/accounts/staff/login")
                            .then().statusCode(200).extract().path("access_token");
            tokenAt = Instant.now();
        }
        return token;
    }

    /** A permit number nobody has used: a letter and 14 digits, as the authority's numbers look. */
    public static String newPermitNumber() {
        return "E" + String.format("%014d", ThreadLocalRandom.current().nextLong(100_000_000_000_000L));
    }

    public String issue(String holderName, String talentCategory, LocalDate validUntil) {
        return issue(newPermitNumber(), holderName, talentCategory, validUntil);
    }

    public String issue(String number, String holderName, String talentCategory, LocalDate validUntil) {
        return issue(number, holderName, PASSPORT, talentCategory, validUntil);
    }

    /** A permit of a passport of the test's own (a scan for it then finds only that holder). */
    public String issue(String number, String holderName, String passportNumber, String talentCategory, LocalDate validUntil) {
        given().auth().oauth2(token()).contentType(ContentType.JSON).body(Map.of(
                        "permitNumber", number,
                        "holderName", holderName,
                        "passportNumber", passportNumber,
                        "nationality", "GBR",
                        "employer", "Example Robotics (Shanghai) Co., Ltd.",
                        "position", "Engineer",
                        "workCity", "Shanghai",
                        "talentCategory", talentCategory,
                        "validUntil", validUntil.toString()))
                .when().post(url("/api/permits"))
                .then().statusCode(201).body("status", equalTo("ACTIVE"));
        return number;
    }

    /** A category B permit valid for a year, the seed's example. */
    public String issue(String holderName) {
        return issue(holderName, "B", LocalDate.now().plusYears(1));
    }

    public void cancel(String permitNumber, String reason) {
        given().auth().oauth2(token()).contentType(ContentType.JSON).body(Map.of("reason", reason))
                .when().post(url("/api/permits/{n}/cancellation"), permitNumber)
                .then().statusCode(200).body("status", equalTo("CANCELLED"));
    }
}

package org.esscard.account.support;

import static io.restassured.RestAssured.given;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.esscard.account.service.credential.PasswordHasher;
import org.esscard.events.CloudEvent;
import org.esscard.events.Topics;
import org.esscard.events.permit.PermitIssued;
import org.esscard.events.permit.PermitStatus;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Test holders: their permits (published as permit-service would), accounts, logins; each from its own client address. */
public final class Holders {

    public static final String NAME = "SMITH JOHN-PAUL";
    public static final String PASSWORD = "Secret#2026";
    public static final String STAFF_SUPPORT = "support";
    public static final String STAFF_SUPPORT_PASSWORD = "Support#2026";

    private static final PasswordHasher HASHER = new PasswordHasher();

    private Holders() {
    }

    public static String newPermitNumber() {
        return "A" + String.format("%014d", ThreadLocalRandom.current().nextLong(100_000_000_000_000L));
    }

    public static String newSocialSecurityNumber() {
        return String.format("%018d", ThreadLocalRandom.current().nextLong(100_000_000_000_000_000L));
    }

    /** A client address of its own, so one test's failures do not throttle another's. */
    public static String newAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    /** A request as the gateway forwards it from {@code address}. */
    public static RequestSpecification from(String address) {
        return given().header("X-Forwarded-For", address + ", 10.255.0.1").contentType(ContentType.JSON);
    }

    /** Publishes an ACTIVE permit valid for a year, and waits until account-service knows it. */
    public static String permit(DataSource dataSource, String holderName) {
        return permit(dataSource, holderName, Events.PASSPORT);
    }

    /** The same, for a passport of the test's own. */
    public static String permit(DataSource dataSource, String holderName, String passportNumber) {
        String number = newPermitNumber();
        CloudEvent event = Events.publish(Topics.PERMIT_EVENTS, Events.PERMIT_SERVICE,
                new PermitIssued(Events.permit(number, holderName, passportNumber, PermitStatus.ACTIVE, LocalDate.now().plusYears(1), 0)));
        Events.awaitConsumed(dataSource, event);
        return number;
    }

    public static String supportToken() {
        return given().contentType(ContentType.JSON).body(Map.of("username", STAFF_SUPPORT, "password", STAFF_SUPPORT_PASSWORD))
                .when().post("/api/accounts/staff/login").then().statusCode(200).extract().path("access_token");
    }

    /**
     * An account registered another way (R13): active, with a social security number and no permit; support matched it
     * with {@code linkedPermit}, a permit record of the same name (the passport of every test permit).
     */
    public record Imported(String accountId, String socialSecurityNumber, String cardNumber, String linkedPermit) {
    }

    /** Imports a holder of {@code holderName}, linked by permit number to a permit published for the purpose. */
    public static Imported imported(String holderName, String password) {
        return imported(holderName, password, permit(dataSource(), holderName));
    }

    /** Imports a holder of {@code holderName}, linked by permit number to {@code linked}, a permit account-service knows. */
    public static Imported imported(String holderName, String password, String linked) {
        String ssn = newSocialSecurityNumber();
        Map<String, Object> body = Map.of("holderName", holderName, "socialSecurityNumber", ssn,
                "passwordHash", HASHER.hash(password), "permitNumber", linked);
        var created = given().auth().oauth2(supportToken()).contentType(ContentType.JSON).body(body)
                .when().post("/api/accounts/support/holders").then().statusCode(201).extract();
        return new Imported(created.path("accountId"), ssn, created.path("cardNumber"), linked);
    }

    /** The test's own database (the one the service under test uses). */
    public static DataSource dataSource() {
        return io.quarkus.arc.Arc.container().instance(io.agroal.api.AgroalDataSource.class).get();
    }

    /**
     * Binds {@code permit} to the logged-in account of {@code token} as the app does (R13): starts the binding, passes
     * the permit holder's face in the PERMIT_BINDING session through the relay, and collects the token with the permit.
     */
    public static String bind(String token, String permit) {
        String sessionId = startBinding(token, permit).statusCode(202).extract().path("sessionId");
        Verifications.face(sessionId).statusCode(200);
        return collectBinding(token, sessionId);
    }

    /** {@code POST /permit-binding}; waits out the moment identity-service has not read the permit yet (503). */
    public static ValidatableResponse startBinding(String token, String permit) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(300))
                .until(() -> from(newAddress()).auth().oauth2(token).body(Map.of("permitNumber", permit))
                        .when().post("/api/accounts/permit-binding").then(), r -> r.extract().statusCode() != 503);
    }

    /** The access token of a verified binding, once its IdentityVerified has arrived. */
    public static String collectBinding(String token, String sessionId) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> from(newAddress()).auth().oauth2(token)
                        .when().post("/api/accounts/permit-binding/{id}", sessionId).then().extract(), r -> r.statusCode() != 409)
                .path("access_token");
    }

    /** An active account with a bound permit (imported, then bound): holds {@code PASSWORD}. */
    public record Holder(String accountId, String permitNumber, String socialSecurityNumber) {
    }

    public static Holder withPermit(DataSource dataSource) {
        return withPermit(dataSource, PASSWORD);
    }

    /** An active account with a bound permit, holding {@code password}. */
    public static Holder withPermit(DataSource dataSource, String password) {
        return withPermit(password, NAME);
    }

    /** An active account with a bound permit of {@code holderName}, holding {@code password}. */
    public static Holder withPermit(String password, String holderName) {
        Imported imported = imported(holderName, password);
        String permit = imported.linkedPermit();
        String token = loginBySsn(imported.socialSecurityNumber(), password, newAddress()).statusCode(200).extract().path("access_token");
        if (bind(token, permit) == null) {
            throw new AssertionError("binding permit " + permit + " gave no token");
        }
        return new Holder(imported.accountId(), permit, imported.socialSecurityNumber());
    }

    public static ValidatableResponse login(String permitNumber, String password, String address) {
        return from(address).body(Map.of("permitNumber", permitNumber, "password", password))
                .when().post("/api/accounts/login").then();
    }

    public static ValidatableResponse loginBySsn(String ssn, String password, String address) {
        return from(address).body(Map.of("socialSecurityNumber", ssn, "password", password))
                .when().post("/api/accounts/login").then();
    }

    /** The access token of a fresh login. */
    public static String accessToken(Holder holder) {
        return login(holder.permitNumber(), PASSWORD, newAddress()).statusCode(200).extract().path("access_token");
    }

    /** A problem body without its {@code instance} and {@code traceId} (each request has its own), to compare two answers. */
    public static Map<String, Object> problem(ValidatableResponse response) {
        Map<String, Object> body = new HashMap<>(response.extract().as(Map.class));
        body.remove("instance");
        body.remove("traceId");
        return body;
    }
}

package org.esscard.account;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.esscard.account.support.Events;
import org.esscard.account.support.Holders;
import org.esscard.events.CloudEvent;
import org.esscard.events.Topics;
import org.esscard.events.permit.PermitCancelled;
import org.esscard.events.permit.PermitIssued;
import org.esscard.events.permit.PermitStatus;
import org.esscard.platform.testing.TestClock;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/**
 * What registration checks before identity verification begins: the password (R2), the permit from the local
 * projection of permit events (R4) and the exact passport name (R3). Nothing here calls identity-service.
 */
@QuarkusTest
class RegistrationTests {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void R2_passwordPolicyIsCheckedFirstAndTheErrorNamesTheRule() {
        String permit = Holders.permit(dataSource, Holders.NAME);

        register(Holders.NAME, permit, "Abc#123", Holders.newAddress())
                .statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("PASSWORD_POLICY")).body("rule", equalTo("TOO_SHORT"))
                .body("detail", containsString("too short (7 characters)"));
        register(Holders.NAME, permit, "Abcdefghijklmno12", Holders.newAddress())
                .statusCode(400).body("rule", equalTo("TOO_LONG")).body("detail", containsString("too long (17 characters)"));
        register(Holders.NAME, permit, "abcdefghij", Holders.newAddress())
                .statusCode(400).body("rule", equalTo("ONE_CLASS")).body("detail", containsString("only one kind"));
        Holders.from(Holders.newAddress()).header("Accept-Language", "zh-CN")
                .body(form(Holders.NAME, permit, "12345678")).when().post("/api/accounts/registrations")
                .then().statusCode(400).body("rule", equalTo("ONE_CLASS")).body("detail", containsString("两种及以上"));
    }

    @Test
    void R3_nameMustBeThePassportNameExactlySymbolsAndSpacesIncluded() {
        String permit = Holders.permit(dataSource, Holders.NAME);

        for (String name : new String[] { "SMITH JOHN PAUL", "SMITH JOHNPAUL", "smith john-paul", "SMITH  JOHN-PAUL", "SMITH JOHN-PAUL " }) {
            register(name, permit, Holders.PASSWORD, Holders.newAddress())
                    .statusCode(400).contentType("application/problem+json").body("code", equalTo("NAME_MISMATCH"))
                    .body("detail", containsString("exactly the same as in your passport, including symbols and spaces"))
                    .body("detail", containsString("contact the work permit authority"));
        }
        Holders.from(Holders.newAddress()).header("Accept-Language", "zh-CN")
                .body(form("SMITH JOHN PAUL", permit, Holders.PASSWORD)).when().post("/api/accounts/registrations")
                .then().statusCode(400).body("code", equalTo("NAME_MISMATCH"))
                .body("detail", containsString("包括符号、空格")).body("detail", containsString("联系工作许可审批部门"));
    }

    @Test
    void R4_onlyAPermitWithinItsValidityCanRegister() {
        String unknown = Holders.newPermitNumber();
        register(Holders.NAME, unknown, Holders.PASSWORD, Holders.newAddress())
                .statusCode(404).body("code", equalTo("PERMIT_NOT_FOUND")).body("detail", containsString(unknown));

        String expired = Holders.newPermitNumber();
        publishAndWait(new PermitIssued(Events.permit(expired, Holders.NAME, PermitStatus.EXPIRED, LocalDate.now().minusDays(3), 1)));
        register(Holders.NAME, expired, Holders.PASSWORD, Holders.newAddress())
                .statusCode(403).body("code", equalTo("PERMIT_EXPIRED")).body("detail", containsString("ask your employer"));

        // past its valid-until even before permit-service's daily scan marks it
        String lapsed = Holders.newPermitNumber();
        publishAndWait(new PermitIssued(Events.permit(lapsed, Holders.NAME, PermitStatus.ACTIVE, LocalDate.now().minusDays(1), 0)));
        register(Holders.NAME, lapsed, Holders.PASSWORD, Holders.newAddress())
                .statusCode(403).body("code", equalTo("PERMIT_EXPIRED"));

        String cancelled = Holders.permit(dataSource, Holders.NAME);
        publishAndWait(new PermitCancelled(Events.permit(cancelled, Holders.NAME, PermitStatus.CANCELLED, LocalDate.now().plusYears(1), 1),
                "Employment ended", Instant.now()));
        register(Holders.NAME, cancelled, Holders.PASSWORD, Holders.newAddress())
                .statusCode(403).body("code", equalTo("PERMIT_CANCELLED"));
    }

    @Test
    void R4_aPermitsLastDayEndsInChina_notAtMidnightUtc() {
        // 17:00 UTC on a permit's last day is 01:00 the next day in China: the permit has run out
        LocalDate lastDay = LocalDate.now().plusDays(10);
        String permit = Holders.newPermitNumber();
        publishAndWait(new PermitIssued(Events.permit(permit, Holders.NAME, PermitStatus.ACTIVE, lastDay, 0)));
        try {
            TestClock.CLOCK.set(lastDay.atTime(17, 0).toInstant(java.time.ZoneOffset.UTC));
            register(Holders.NAME, permit, Holders.PASSWORD, Holders.newAddress())
                    .statusCode(403).body("code", equalTo("PERMIT_EXPIRED"));
            // 15:00 UTC is 23:00 in China, still its last day
            TestClock.CLOCK.set(lastDay.atTime(15, 0).toInstant(java.time.ZoneOffset.UTC));
            register(Holders.NAME, permit, Holders.PASSWORD, Holders.newAddress()).statusCode(202);
        } finally {
            TestClock.CLOCK.reset();
        }
    }

    @Test
    void R4_aSnapshotOlderThanTheStoredVersionIsIgnored() {
        String permit = Holders.newPermitNumber();
        publishAndWait(new PermitCancelled(Events.permit(permit, Holders.NAME, PermitStatus.CANCELLED, LocalDate.now().plusYears(1), 2),
                "Employment ended", Instant.now()));
        // a redelivered issue event arrives after the cancellation
        publishAndWait(new PermitIssued(Events.permit(permit, Holders.NAME, PermitStatus.ACTIVE, LocalDate.now().plusYears(1), 0)));

        register(Holders.NAME, permit, Holders.PASSWORD, Holders.newAddress())
                .statusCode(403).body("code", equalTo("PERMIT_CANCELLED"));
    }

    @Test
    void nameGuessesCountAgainstTheClientAddress() {
        String permit = Holders.permit(dataSource, Holders.NAME);
        String address = Holders.newAddress();
        for (int i = 0; i < 20; i++) {
            register("GUESS " + i, permit, Holders.PASSWORD, address).statusCode(400).body("code", equalTo("NAME_MISMATCH"));
        }
        register(Holders.NAME, permit, Holders.PASSWORD, address)
                .statusCode(429).body("code", equalTo("TOO_MANY_ATTEMPTS"));
    }

    @Test
    void missingFieldsAreNamed() {
        Holders.from(Holders.newAddress()).body(Map.of("name", Holders.NAME))
                .when().post("/api/accounts/registrations")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", org.hamcrest.Matchers.hasItems("permitNumber", "password"));
        Map<String, Object> badSsn = form(Holders.NAME, Holders.newPermitNumber(), Holders.PASSWORD);
        badSsn.put("socialSecurityNumber", "12-34");
        Holders.from(Holders.newAddress()).body(badSsn).when().post("/api/accounts/registrations")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("socialSecurityNumber"));
    }

    private void publishAndWait(org.esscard.events.EventPayload payload) {
        CloudEvent event = Events.publish(Topics.PERMIT_EVENTS, Events.PERMIT_SERVICE, payload);
        Events.awaitConsumed(dataSource, event);
    }

    static Map<String, Object> form(String name, String permit, String password) {
        Map<String, Object> form = new HashMap<>();
        form.put("name", name);
        form.put("permitNumber", permit);
        form.put("password", password);
        return form;
    }

    static ValidatableResponse register(String name, String permit, String password, String address) {
        return Holders.from(address).body(form(name, permit, password)).when().post("/api/accounts/registrations").then();
    }
}

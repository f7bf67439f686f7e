package org.esscard.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.esscard.account.support.Events;
import org.esscard.account.support.Holders.Holder;
import org.esscard.account.support.Holders;
import org.esscard.account.support.Registrations;
import org.esscard.account.support.Verifications;
import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.events.account.PasswordChanged;
import org.esscard.platform.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/** R14: forgot password: name + permit number → facial recognition in identity-service → a new password under R2. */
@QuarkusTest
class PasswordResetTests {

    private static final String NEW_PASSWORD = "Reset#2027";

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void resetClock() {
        TestClock.CLOCK.reset();
    }

    @Test
    void R14_nameAndPermitThenFaceThenANewPasswordEndingEveryLogin() {
        Holder holder = Registrations.registeredHolder(dataSource, Holders.PASSWORD);
        String refreshToken = Holders.login(holder.permitNumber(), Holders.PASSWORD, Holders.newAddress())
                .statusCode(200).extract().path("refresh_token");

        String session = start(Holders.NAME, holder.permitNumber()).statusCode(201)
                .body("purpose", equalTo("PASSWORD_RESET")).body("methods", hasItem("FACE"))
                .extract().path("sessionId");
        complete(session, NEW_PASSWORD).statusCode(409).body("code", equalTo("VERIFICATION_PENDING"));

        Verifications.face(session).statusCode(200).body("status", equalTo("VERIFIED"));
        awaitVerified(session);
        complete(session, "short").statusCode(400).body("code", equalTo("PASSWORD_POLICY")).body("rule", equalTo("TOO_SHORT"));
        complete(session, NEW_PASSWORD).statusCode(204);
        // used up
        complete(session, "Another#2028").statusCode(404).body("code", equalTo("RESET_NOT_FOUND"));

        Holders.login(holder.permitNumber(), Holders.PASSWORD, Holders.newAddress()).statusCode(401);
        Holders.login(holder.permitNumber(), NEW_PASSWORD, Holders.newAddress()).statusCode(200);
        Holders.from(Holders.newAddress()).body(Map.of("refresh_token", refreshToken)).when().post("/api/accounts/token/refresh")
                .then().statusCode(401).body("code", equalTo("REFRESH_TOKEN_INVALID"));
        List<CloudEvent> events = Events.accountEvents(holder.accountId(),
                e -> e.stream().anyMatch(ev -> PasswordChanged.TYPE.equals(ev.type())));
        PasswordChanged changed = events.stream().filter(ev -> PasswordChanged.TYPE.equals(ev.type())).findFirst().orElseThrow()
                .dataAs(PasswordChanged.class, EventJson.mapper());
        assertThat(changed.reason()).isEqualTo(PasswordChanged.RESET);
        assertThat(changed.permitNumber()).isEqualTo(holder.permitNumber());
    }

    @Test
    void R14_aResetLiftsALockoutAtOnce() {
        Holder holder = Registrations.registeredHolder(dataSource, Holders.PASSWORD);
        String address = Holders.newAddress();
        for (int i = 0; i < 5; i++) {
            Holders.login(holder.permitNumber(), "Wrong#2026", address).statusCode(401);
        }
        String session = start(Holders.NAME, holder.permitNumber()).statusCode(201).extract().path("sessionId");
        Verifications.face(session).statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> complete(session, NEW_PASSWORD).extract().statusCode() == 204);

        // the face proved who the holder is: no waiting out the lockout a stranger caused
        Holders.login(holder.permitNumber(), NEW_PASSWORD, address).statusCode(200);
    }

    @Test
    void R14_theNameMustMatchAndTheAccountExist() {
        Holder holder = Registrations.registeredHolder(dataSource, Holders.PASSWORD);
        start("SMITH JOHN PAUL", holder.permitNumber()).statusCode(400).body("code", equalTo("NAME_MISMATCH"));
        start(Holders.NAME, Holders.newPermitNumber()).statusCode(404).body("code", equalTo("ACCOUNT_NOT_FOUND"));
    }

    @Test
    void R14_theNewPasswordMustBeSetSoonAfterTheFace() {
        Holder holder = Registrations.registeredHolder(dataSource, Holders.PASSWORD);
        String session = start(Holders.NAME, holder.permitNumber()).statusCode(201).extract().path("sessionId");
        Verifications.face(session).statusCode(200);
        awaitVerified(session);

        TestClock.CLOCK.advance(Duration.ofMinutes(31));
        complete(session, NEW_PASSWORD).statusCode(404).body("code", equalTo("RESET_NOT_FOUND"));
    }

    private void awaitVerified(String session) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Events.count(dataSource,
                "select count(*) from holder_account where reset_session_id = ? and reset_verified_at is not null", session) == 1);
    }

    private static ValidatableResponse start(String name, String permit) {
        return Holders.from(Holders.newAddress()).body(Map.of("name", name, "permitNumber", permit))
                .when().post("/api/accounts/password-resets").then();
    }

    private static ValidatableResponse complete(String session, String password) {
        return Holders.from(Holders.newAddress()).body(Map.of("newPassword", password))
                .when().put("/api/accounts/password-resets/{id}", session).then();
    }
}

package org.esscard.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.esscard.account.support.Events;
import org.esscard.account.support.Holders.Holder;
import org.esscard.account.support.Holders;
import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.events.account.PasswordChanged;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/** A logged-in holder changes the password: R2 again, every login ends, {@code PasswordChanged} CHANGE goes out. */
@QuarkusTest
class PasswordChangeTests {

    private static final String NEW_PASSWORD = "Changed#2027";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void R2_aChangedPasswordFollowsThePolicyEndsEveryLoginAndIsAnnounced() {
        Holder holder = Holders.withPermit(dataSource);
        var login = Holders.login(holder.permitNumber(), Holders.PASSWORD, Holders.newAddress()).statusCode(200).extract();
        String token = login.path("access_token");
        String refreshToken = login.path("refresh_token");

        change(token, Holders.PASSWORD, "short1").statusCode(400).body("code", equalTo("PASSWORD_POLICY"));
        change(token, "Wrong#2026", NEW_PASSWORD).statusCode(401).body("code", equalTo("INVALID_CREDENTIALS"));
        change(token, Holders.PASSWORD, NEW_PASSWORD).statusCode(204);

        Holders.from(Holders.newAddress()).body(Map.of("refresh_token", refreshToken)).when().post("/api/accounts/token/refresh")
                .then().statusCode(401).body("code", equalTo("REFRESH_TOKEN_INVALID"));
        Holders.login(holder.permitNumber(), Holders.PASSWORD, Holders.newAddress()).statusCode(401);
        Holders.login(holder.permitNumber(), NEW_PASSWORD, Holders.newAddress()).statusCode(200);

        List<CloudEvent> events = Events.accountEvents(holder.accountId(),
                e -> e.stream().anyMatch(ev -> PasswordChanged.TYPE.equals(ev.type())));
        PasswordChanged changed = events.stream().filter(ev -> PasswordChanged.TYPE.equals(ev.type())).findFirst().orElseThrow()
                .dataAs(PasswordChanged.class, EventJson.mapper());
        assertThat(changed.reason()).isEqualTo(PasswordChanged.CHANGE);
        assertThat(changed.permitNumber()).isEqualTo(holder.permitNumber());
    }

    private static ValidatableResponse change(String token, String current, String next) {
        return Holders.from(Holders.newAddress()).auth().oauth2(token)
                .body(Map.of("currentPassword", current, "newPassword", next))
                .when().put("/api/accounts/password").then();
    }
}

package org.esscard.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.esscard.account.service.session.HolderSessions;
import org.esscard.account.support.Events;
import org.esscard.account.support.Holders;
import org.esscard.account.support.Holders.Holder;
import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.events.account.NewDeviceLogin;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/** A holder's own sessions and logins (issue 18): see them, end one or all, be told of a new device. */
@QuarkusTest
class HolderSessionsTests {

    private static final String IPHONE = "eSSCard/2.4.0 (iOS 17.5; iPhone 15)";
    private static final String PIXEL = "eSSCard/2.4.0 (Android 14; Pixel 8)";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    HolderSessions sessions;

    @Test
    void eachLiveSessionShowsItsDeviceAndMaskedAddress_andEndingOneStopsItsRefreshToken() {
        Holder holder = Holders.withPermit(dataSource);
        JsonPath phone = login(holder, "install-iphone-0001", IPHONE, "203.0.113.25").statusCode(200).extract().jsonPath();
        JsonPath tablet = login(holder, "install-pixel-00002", PIXEL, "198.51.100.7").statusCode(200).extract().jsonPath();

        JsonPath sessions = given().auth().oauth2(tablet.getString("access_token")).when().get("/api/accounts/sessions")
                .then().statusCode(200).extract().jsonPath();
        // the binding's own login (no install id) is live too
        assertThat(sessions.getList("device", String.class)).contains(IPHONE, PIXEL);
        Map<String, Object> iphone = session(sessions, IPHONE);
        assertThat(iphone).containsEntry("clientAddress", "203.0.113.*").containsEntry("knownDevice", true).containsEntry("current", false);
        assertThat(session(sessions, PIXEL)).containsEntry("clientAddress", "198.51.100.*").containsEntry("current", true);

        given().auth().oauth2(tablet.getString("access_token")).when().delete("/api/accounts/sessions/" + iphone.get("id"))
                .then().statusCode(204);

        refresh(phone.getString("refresh_token")).statusCode(401).body("code", equalTo("REFRESH_TOKEN_INVALID"));
        refresh(tablet.getString("refresh_token")).statusCode(200);
        given().auth().oauth2(tablet.getString("access_token")).when().get("/api/accounts/sessions")
                .then().statusCode(200).body("device", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(IPHONE)));
        // ended already, another holder's, or no session id at all: the same answer
        given().auth().oauth2(tablet.getString("access_token")).when().delete("/api/accounts/sessions/" + iphone.get("id"))
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("SESSION_NOT_FOUND"));
        given().auth().oauth2(tablet.getString("access_token")).when().delete("/api/accounts/sessions/not-a-session")
                .then().statusCode(404).body("code", equalTo("SESSION_NOT_FOUND"));
    }

    @Test
    void aHolderCannotEndAnotherHoldersSession() {
        Holder victim = Holders.withPermit(dataSource);
        Holder other = Holders.withPermit(dataSource);
        JsonPath victimLogin = login(victim, "install-victim-0001", IPHONE, Holders.newAddress()).statusCode(200).extract().jsonPath();
        String victimSession = session(given().auth().oauth2(victimLogin.getString("access_token")).when().get("/api/accounts/sessions")
                .then().statusCode(200).extract().jsonPath(), IPHONE).get("id").toString();

        given().auth().oauth2(Holders.accessToken(other)).when().delete("/api/accounts/sessions/" + victimSession)
                .then().statusCode(404).body("code", equalTo("SESSION_NOT_FOUND"));
        refresh(victimLogin.getString("refresh_token")).statusCode(200);
    }

    @Test
    void endingAllSessionsEndsEveryRefreshTokenOfTheAccount() {
        Holder holder = Holders.withPermit(dataSource);
        JsonPath phone = login(holder, "install-iphone-0003", IPHONE, Holders.newAddress()).statusCode(200).extract().jsonPath();
        JsonPath tablet = login(holder, "install-pixel-00004", PIXEL, Holders.newAddress()).statusCode(200).extract().jsonPath();

        given().auth().oauth2(phone.getString("access_token")).when().delete("/api/accounts/sessions").then().statusCode(204);

        refresh(phone.getString("refresh_token")).statusCode(401);
        refresh(tablet.getString("refresh_token")).statusCode(401);
    }

    @Test
    void aLoginFromADeviceTheAccountWasNotUsedOnIsAnnouncedOnce_withoutTheHoldersIdentifiers() {
        Holder holder = Holders.withPermit(dataSource);
        String first = sid(login(holder, "install-iphone-0005", IPHONE, "203.0.113.9").statusCode(200).extract().path("access_token"));
        login(holder, "install-iphone-0005", IPHONE, "203.0.113.10").statusCode(200); // the same device again: no notice
        String second = sid(login(holder, "install-pixel-00006", PIXEL, "198.51.100.20").statusCode(200).extract().path("access_token"));

        // the last notice is the marker: the account's events are in order on its partition, so none is still to come
        List<CloudEvent> events = Events.accountEvents(holder.accountId(), all -> notices(all).stream()
                .anyMatch(n -> n.sessionId().equals(second)));
        List<NewDeviceLogin> notices = notices(events);
        assertThat(notices).extracting(NewDeviceLogin::sessionId).containsExactly(first, second);
        NewDeviceLogin pixel = notices.get(1);
        assertThat(pixel.device()).isEqualTo(PIXEL);
        assertThat(pixel.clientAddress()).isEqualTo("198.51.100.*");
        assertThat(pixel.permitNumber()).isEqualTo(holder.permitNumber());
        String json = events.stream().filter(e -> NewDeviceLogin.TYPE.equals(e.type())).map(EventJson::write).reduce("", String::concat);
        assertThat(json).doesNotContain(Holders.NAME).doesNotContain("533380006").doesNotContain("198.51.100.20");
    }

    @Test
    void theLoginHistoryShowsLoginsAndFailedAttemptsNewestFirst_addressesMasked() {
        Holder holder = Holders.withPermit(dataSource);
        login(holder, "install-iphone-0007", IPHONE, "203.0.113.40", "Wrong#2026").statusCode(401);
        String token = login(holder, "install-iphone-0007", IPHONE, "203.0.113.41").statusCode(200).extract().path("access_token");

        given().auth().oauth2(token).when().get("/api/accounts/logins")
                .then().statusCode(200)
                .body("[0].succeeded", equalTo(true)).body("[0].device", equalTo(IPHONE)).body("[0].clientAddress", equalTo("203.0.113.*"))
                .body("[1].succeeded", equalTo(false)).body("[1].clientAddress", equalTo("203.0.113.*"))
                .body("findAll { it.clientAddress == '203.0.113.40' }", hasSize(0));
    }

    @Test
    void historyLinesOlderThan30DaysAndSessionsEndedThatLongAgoArePurged_liveSessionsStay() throws Throwable {
        Holder holder = Holders.withPermit(dataSource);
        JsonPath phone = login(holder, "install-iphone-0008", IPHONE, Holders.newAddress()).statusCode(200).extract().jsonPath();
        JsonPath tablet = login(holder, "install-pixel-00009", PIXEL, Holders.newAddress()).statusCode(200).extract().jsonPath();
        String ended = sid(phone.getString("access_token"));
        given().auth().oauth2(tablet.getString("access_token")).when().delete("/api/accounts/sessions/" + ended).then().statusCode(204);
        // as if all of it had happened 31 days ago
        Events.count(dataSource, "with t as (update login_record set at = at - interval '31 days' where account_id = ?"
                + " returning 1) select count(*) from t", UUID.fromString(holder.accountId()));
        Events.count(dataSource, "with t as (update holder_session set started_at = started_at - interval '31 days'"
                + " where account_id = ? returning 1) select count(*) from t", UUID.fromString(holder.accountId()));

        VertxContextSupport.subscribeAndAwait(() -> sessions.purge());

        given().auth().oauth2(tablet.getString("access_token")).when().get("/api/accounts/logins").then().statusCode(200).body("$", hasSize(0));
        assertThat(Events.count(dataSource, "select count(*) from holder_session where id = ?", UUID.fromString(ended))).isZero();
        given().auth().oauth2(tablet.getString("access_token")).when().get("/api/accounts/sessions")
                .then().statusCode(200).body("device", org.hamcrest.Matchers.hasItem(PIXEL));
    }

    @Test
    void aDeviceIdThatIsNotOneIsRefusedByName() {
        Holder holder = Holders.withPermit(dataSource);
        login(holder, "bad id!", IPHONE, Holders.newAddress()).statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("deviceId"));
    }

    private static io.restassured.response.ValidatableResponse login(Holder holder, String deviceId, String userAgent, String address) {
        return login(holder, deviceId, userAgent, address, Holders.PASSWORD);
    }

    private static io.restassured.response.ValidatableResponse login(Holder holder, String deviceId, String userAgent, String address,
            String password) {
        Map<String, Object> body = new HashMap<>(Map.of("permitNumber", holder.permitNumber(), "password", password, "deviceId", deviceId));
        return Holders.from(address).header("User-Agent", userAgent).body(body).when().post("/api/accounts/login").then();
    }

    private static io.restassured.response.ValidatableResponse refresh(String refreshToken) {
        return given().contentType("application/json").body(Map.of("refresh_token", refreshToken))
                .when().post("/api/accounts/token/refresh").then();
    }

    private static Map<String, Object> session(JsonPath sessions, String device) {
        return sessions.getMap("find { it.device == '" + device + "' }");
    }

    private static String sid(String accessToken) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        return JsonPath.from(payload).getString("sid");
    }

    private static List<NewDeviceLogin> notices(List<CloudEvent> events) {
        return events.stream().filter(e -> NewDeviceLogin.TYPE.equals(e.type()))
                .map(e -> e.dataAs(NewDeviceLogin.class, EventJson.mapper())).toList();
    }
}

package org.esscard.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.esscard.platform.testing.SimulatorClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * The holder's sessions across the running suite (issue 18): someone logs in with the holder's password from a device
 * the account was not used on; the holder hears of it in the inbox, by push and by SMS, ends that session from the
 * notice, and the stranger's tokens stop working at permit-service within seconds.
 */
class HolderSessionsIT {

    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final String NAME = "SMITH JOHN-PAUL";
    private static final String PASSWORD = "Devices#2026";
    private static final String PIN = "258147";
    private static final String PHONE = "eSSCard/2.4.0 (iOS 17.5; iPhone 15)";
    private static final String STRANGER = "eSSCard/2.4.0 (Android 14; Pixel 8)";
    private static final String TITLE = "New login to your eSSCard";

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
    void aLoginFromANewDeviceIsNoticedInTheInboxByPushAndSms_andEndingThatSessionLocksItOutOfPermitServicesWithinSeconds() {
        String permit = authority.issue(NAME);
        String mobile = SimulatorClient.newMobile();
        HolderApp phone = new HolderApp(suite, NAME, permit, PASSWORD, "en").onDevice("install-phone-000001", PHONE)
                .registeredByMobile(simulator, mobile);
        phone.login().statusCode(200);
        phone.setPin(PIN).statusCode(204);
        Settled.mobileKnown(suite, permit);

        // the password and PIN in someone else's hands, on another device
        HolderApp stranger = new HolderApp(suite, NAME, permit, PASSWORD, "en").onDevice("install-other-000002", STRANGER);
        stranger.login().statusCode(200);
        stranger.enterPin(PIN).statusCode(200);
        stranger.permitService("").statusCode(200);

        JsonPath notice = await().atMost(Duration.ofSeconds(30)).until(() -> phone.inbox().statusCode(200).extract().jsonPath(),
                inbox -> inbox.getList("items.kind", String.class).contains("NEW_DEVICE_LOGIN"));
        Map<String, Object> entry = notice.getMap("items.find { it.kind == 'NEW_DEVICE_LOGIN' }");
        assertThat(entry.get("body").toString()).contains(STRANGER);
        @SuppressWarnings("unchecked")
        Map<String, String> action = (Map<String, String>) entry.get("action");
        assertThat(action).containsEntry("type", "END_SESSION").containsEntry("method", "DELETE");
        phone.sessions().statusCode(200).body("find { it.current }.device", equalTo(PHONE))
                .body("find { !it.current }.device", equalTo(STRANGER));
        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.sms(mobile).stream().anyMatch(t -> t.contains(TITLE)));
        await().atMost(Duration.ofSeconds(30)).until(() -> pushes(subject(phone.accessToken)).stream().anyMatch(t -> t.contains(TITLE)));

        // the phone ends the stranger's session from the notice; the phone's own session goes on
        phone.act(action.get("method"), action.get("path")).statusCode(204);
        long ended = System.nanoTime();
        await().atMost(BOUND).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> stranger.permitService("").statusCode(401).body("code", equalTo("TOKEN_REVOKED")));
        System.out.printf("ended session refused at permit-service after %d ms%n", (System.nanoTime() - ended) / 1_000_000);
        stranger.refresh(stranger.refreshToken).statusCode(401).body("code", equalTo("REFRESH_TOKEN_INVALID"));
        phone.enterPin(PIN).statusCode(200);
        phone.permitService("").statusCode(200);
    }

    /** The push messages to {@code account} (the push channel addresses the account id). */
    private static List<String> pushes(String account) {
        return given().baseUri(suite.simulator.url("")).queryParam("channel", "push").queryParam("to", account)
                .when().get("/sim/messages").then().statusCode(200).extract().jsonPath().getList("title", String.class);
    }

    private static String subject(String token) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        return JsonPath.from(payload).getString("sub");
    }
}

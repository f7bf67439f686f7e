package org.esscard.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The permit QR as officers meet it away from the suite (issue 16): its signing key survives a restart of
 * permit-service, as a local run keeps it on disk.
 */
class QrOfflineIT {

    private static final String NAME = "MÜLLER-SMIT Johanna";
    private static final String PIN = "482915";
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final RunningSuite suite = RunningSuite.get();

    @Test
    void R18_aQrShownBeforePermitServiceRestartedStillVerifies_theLocalKeyIsKeptOnDisk() {
        Authority authority = new Authority(suite);
        HolderApp holder = new HolderApp(suite, NAME, authority.issue(NAME), "Offline#2026", "en");
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(holder::registeredAndLoggedIn);
        holder.setPin(PIN).statusCode(204);
        holder.enterPin(PIN).statusCode(200);
        String qr = holder.permitService("/qr").statusCode(200).extract().path("text");
        long pid = suite.permit.pid();

        suite.permit.stop();
        suite.permit.start(Duration.ofSeconds(120));

        assertThat(suite.permit.pid()).isNotEqualTo(pid);
        List<String> kids = given().when().get(suite.permit.url("/api/permits/qr/keys")).then().statusCode(200)
                .extract().jsonPath().getList("keys.kid");
        assertThat(kids).containsExactly("local-qr-1");
        new Officer(suite).verify(qr).statusCode(200).body("verdict", equalTo("VALID"))
                .body("permit.permitNumber", equalTo(holder.permitNumber));
    }
}

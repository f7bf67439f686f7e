package org.esscard.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.esscard.platform.testing.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Readiness tells the truth about what requests need: down while a service's database is away, up again when it
 * returns. Kafka is not in it: FaultsIT's F1 keeps every probe at 200 through a broker outage.
 */
class ReadinessIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static RunningSuite suite;

    @BeforeAll
    static void suite() {
        suite = RunningSuite.get();
    }

    @Test
    void aServiceIsNotReadyWhileItsDatabaseIsUnreachableAndRecoversWithoutRestart() {
        String holder = TestTokens.holder("acc-readiness", "W000000000001");
        suite.notificationDatabase.cut();
        try {
            await().atMost(PATIENCE).until(() -> suite.notification.readiness() == 503);
            given().when().get(suite.notification.url("/q/health/ready"))
                    .then().statusCode(503).body("status", equalTo("DOWN"));
            assertThat(suite.permit.readiness()).isEqualTo(200);
        } finally {
            suite.notificationDatabase.open();
        }
        await().atMost(PATIENCE).until(() -> suite.notification.readiness() == 200);
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(holder)
                .when().get(suite.notification.url("/api/notifications/inbox"))
                .then().statusCode(200));
    }
}

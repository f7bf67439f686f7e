package org.esscard.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.events.Topics;
import org.esscard.platform.testing.QuarkusAppProcess;
import org.esscard.platform.testing.TestEvents;

/**
 * The negative checks' wait ("nothing arrives twice"), on a marker instead of a sleep: once permit-service's outbox is
 * empty its relay has nothing left to send, again or for the first time; then a marker event on each permit's key
 * follows everything that permit's partition holds, and once notification-service has processed every marker it has
 * processed every copy before them. What the inbox shows after that is final.
 */
final class Settled {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private Settled() {
    }

    /** Returns once notification-service has taken in every permit event so far of {@code permitNumbers}. */
    static void permitEvents(RunningSuite suite, Collection<String> permitNumbers) {
        await("permit-service's outbox empty").atMost(PATIENCE).until(() -> gauge(suite.permit, "esscard_outbox_backlog") == 0);
        List<String> markers = new ArrayList<>();
        for (String permit : permitNumbers) {
            CloudEvent marker = new CloudEvent("1.0", UUID.randomUUID().toString(), "/e2e", "esscard.test.Marker.v1", permit,
                    java.time.OffsetDateTime.now(), "application/json", EventJson.mapper().createObjectNode());
            TestEvents.publish(Topics.PERMIT_EVENTS, marker);
            markers.add(marker.id());
        }
        await("notification-service took in the markers").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> processed(suite, markers) == markers.size());
    }

    /**
     * Returns once notification-service knows the mobile number of the holder of {@code permitNumber} (from the
     * account's registration event, on another topic than the permit's): a reminder made before that has no SMS.
     */
    static void mobileKnown(RunningSuite suite, String permitNumber) {
        await("notification-service knows the holder's mobile").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    try (Connection c = DriverManager.getConnection(suite.postgres.jdbcUrl("esscard_notification"), "esscard", "esscard");
                            PreparedStatement s = c.prepareStatement(
                                    "select count(*) from recipient where permit_number = ? and mobile is not null")) {
                        s.setString(1, permitNumber);
                        try (ResultSet rs = s.executeQuery()) {
                            rs.next();
                            return rs.getLong(1) > 0;
                        }
                    }
                });
    }

    private static long processed(RunningSuite suite, List<String> eventIds) throws Exception {
        try (Connection c = DriverManager.getConnection(suite.postgres.jdbcUrl("esscard_notification"), "esscard", "esscard");
                PreparedStatement s = c.prepareStatement("select count(*) from inbox_processed where event_id = any(?)")) {
            s.setArray(1, c.createArrayOf("varchar", eventIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The value of a gauge on a service's metrics endpoint (summed over its series), -1 when absent. */
    static double gauge(QuarkusAppProcess service, String name) {
        String metrics = given().when().get(service.url("/q/metrics")).then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .reduce(Double::sum).orElse(-1);
    }
}

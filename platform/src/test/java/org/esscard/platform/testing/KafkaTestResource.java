package org.esscard.platform.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the service under test at this JVM's real Kafka broker process. PostgreSQL needs no resource:
 * each service's {@code %test} profile names its own test database on the local server, which the test
 * command ensures ({@code deploy/local/postgres.sh ensure}).
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", KafkaBrokerProcess.shared().bootstrapServers());
    }

    @Override
    public void stop() {
        // the broker lives as long as the test JVM: several Quarkus test apps may share it
    }
}

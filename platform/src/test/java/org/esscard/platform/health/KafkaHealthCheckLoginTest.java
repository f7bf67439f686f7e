package org.esscard.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.esscard.platform.kafka.KafkaClientConfig;
import org.esscard.platform.testing.KafkaBrokerProcess;
import org.esscard.platform.testing.KafkaBrokerProcess.Login;
import org.junit.jupiter.api.Test;

/** The health group {@code kafka} asks the broker with the service's login: UP with it, DOWN with a wrong password. */
class KafkaHealthCheckLoginTest {

    @Test
    void theKafkaHealthGroupLogsInAsTheServiceAndNeedsNoAclOfItsOwn() {
        KafkaBrokerProcess broker = KafkaBrokerProcess.sharedSecured();
        Login service = broker.createUser("health-" + UUID.randomUUID(), List.of());

        KafkaHealthCheck check = new KafkaHealthCheck(new KafkaClientConfig(connector(broker, service)));
        KafkaHealthCheck wrong = new KafkaHealthCheck(new KafkaClientConfig(connector(broker,
                new Login(service.user(), KafkaBrokerProcess.randomPassword()))));
        try {
            assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(wrong.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        } finally {
            check.close();
            wrong.close();
        }
    }

    private static Map<String, Object> connector(KafkaBrokerProcess broker, Login login) {
        Map<String, Object> config = new HashMap<>(broker.clientConfig(login));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "platform-test");
        return config;
    }
}

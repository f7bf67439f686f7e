package org.esscard.platform.health;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.esscard.platform.kafka.KafkaClientConfig;

import io.smallrye.health.api.HealthGroup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether the Kafka cluster answers, in a health group of its own ({@code /q/health/group/kafka}), never in
 * readiness: no request waits for Kafka (events leave through the outbox, arrive when they arrive), so a broker
 * outage must not take the pods out of their Service and the API down with them (issue 15). How long events wait
 * is the outbox's age ({@code esscard_outbox_oldest_age_seconds}), which the chart's alert rules watch.
 */
@HealthGroup(KafkaHealthCheck.GROUP)
@ApplicationScoped
public class KafkaHealthCheck implements HealthCheck {

    /** The health group: {@code /q/health/group/kafka}. */
    public static final String GROUP = "kafka";

    private final KafkaClientConfig kafka;
    private volatile Admin admin;

    public KafkaHealthCheck(KafkaClientConfig kafka) {
        this.kafka = kafka;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            // well inside a probe's timeout (the chart's is 3 s), so an away broker answers DOWN, not nothing
            int nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs(1_000))
                    .nodes().get(1_500, TimeUnit.MILLISECONDS).size();
            return HealthCheckResponse.named("kafka").up().withData("brokers", nodes).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("kafka").down().withData("bootstrap", kafka.bootstrapServers())
                    .withData("error", String.valueOf(e.getMessage())).build();
        }
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(kafka.with(Map.of(
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000,
                            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000)));
                }
            }
        }
        return admin;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close();
        }
    }
}

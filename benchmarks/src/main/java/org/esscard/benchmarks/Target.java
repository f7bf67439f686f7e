package org.esscard.benchmarks;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The suite under load: where each service answers, which databases to read latencies from, the key its holder tokens
 * are signed with, and the JVMs to watch (name → pid, with the seconds each took to become ready, and where their logs are).
 */
public record Target(Path root, String accountUrl, String permitUrl, String notificationUrl, String permitJdbc,
        String notificationJdbc, Path tokenKey, String tokenKeyId, Map<String, Long> pids, Map<String, Double> readySeconds,
        String startedHow, Path logs, String kafka) {

    public static final String PASSWORD = "Bench#2026pw";

    /** The suite that {@code ./esscard up} runs from {@code root}: fixed ports, databases {@code esscard_<service>}. */
    public static Target local(Path root, Map<String, Double> readySeconds, String startedHow) {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String app : new String[] { "account-service", "identity-service", "permit-service", "notification-service",
                "provider-simulator" }) {
            Path pidFile = root.resolve(".run/pids/" + app + ".pid");
            try {
                pids.put(app, Long.parseLong(java.nio.file.Files.readString(pidFile).trim()));
            } catch (Exception e) {
                throw new IllegalStateException(app + " is not running from " + root + " (no " + pidFile + "): ./esscard up -d", e);
            }
        }
        return new Target(root, "http://127.0.0.1:8081", "http://127.0.0.1:8083", "http://127.0.0.1:8084",
                "jdbc:postgresql://127.0.0.1:5432/esscard_permit", "jdbc:postgresql://127.0.0.1:5432/esscard_notification",
                root.resolve(".run/keys/token-private.pem"), "local-1", pids, readySeconds, startedHow, root.resolve(".run/logs"), "127.0.0.1:9092");
    }
}

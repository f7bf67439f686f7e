package org.esscard.platform.testing;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the service's Prometheus scrape ({@code /q/metrics}) as an operator's Prometheus would, so a test asserts the
 * figure under the name and labels the alert rules and the dashboard use.
 */
public final class Metrics {

    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private Metrics() {
    }

    /**
     * The sample of {@code name} whose labels include every one of {@code labels}, e.g.
     * {@code value("esscard_login_failures_total", Map.of("reason", "wrong_password"))}; the sum when several match,
     * 0 when none does (a counter not yet created reads as nothing happened).
     */
    public static double value(String name, Map<String, String> labels) {
        double sum = 0;
        for (String line : scrape().split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            String rest = line.substring(name.length());
            Map<String, String> found = new LinkedHashMap<>();
            if (rest.startsWith("{")) {
                int end = rest.lastIndexOf('}');
                Matcher m = LABEL.matcher(rest.substring(1, end));
                while (m.find()) {
                    found.put(m.group(1), m.group(2));
                }
                rest = rest.substring(end + 1);
            } else if (!rest.startsWith(" ")) {
                // another metric whose name starts with this one
                continue;
            }
            if (found.entrySet().containsAll(labels.entrySet())) {
                sum += Double.parseDouble(rest.trim().split(" ")[0]);
            }
        }
        return sum;
    }

    /** The sample of {@code name} without labels to match. */
    public static double value(String name) {
        return value(name, Map.of());
    }

    /** Whether the scrape has a sample of {@code name} (any labels). */
    public static boolean present(String name) {
        for (String line : scrape().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return true;
            }
        }
        return false;
    }

    /** The whole scrape of the application under test. */
    public static String scrape() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}

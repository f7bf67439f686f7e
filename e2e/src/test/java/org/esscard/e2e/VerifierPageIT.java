package org.esscard.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.Inflater;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The officers' verifier page (issue 16) in a real browser: Debian's Chromium driven by Playwright, its camera a fake
 * one playing a video of each QR code. First online and signed in as an officer, through the gateway, so the page
 * checks offline and asks permit-service too; then with the gateway stopped, so nothing answers at the page's address
 * and the service worker's caches are all the page has. Screenshots of every verdict go to
 * {@code e2e/target/e2e/verifier/}.
 */
class VerifierPageIT {

    private static final String NAME = "NGUYỄN THỊ Hương";
    private static final String PIN = "482915";
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningSuite suite;
    private static Path root;
    private static Path out;

    /** What the page showed: its {@code #verdict} marker. */
    record Seen(String outcome, String warning, String online, boolean disagree) {
    }

    @BeforeAll
    static void browserAndPackages() {
        suite = RunningSuite.get();
        root = org.esscard.platform.testing.QuarkusAppProcess.root();
        out = suite.work().resolve("verifier");
        run(List.of("bash", root.resolve("deploy/local/browser.sh").toString(), "ensure"), Duration.ofMinutes(10));
    }

    @Test
    void R18_officersVerifyOnlineThenOfflineWithTheServerGone_cancellationCaughtByTheStatusList() throws Exception {
        int port = suite.gateway().orElseThrow(() -> new AssertionError("the verifier page needs the gateway (nginx)"));
        String gateway = "http://127.0.0.1:" + port;
        String page = gateway + "/api/permits/verifier/";
        Authority authority = new Authority(suite);
        HolderApp staying = holder(authority);
        HolderApp leaving = holder(authority);
        String validQr = staying.permitService("/qr").statusCode(200).extract().path("text");
        String toBeCancelled = leaving.permitService("/qr").statusCode(200).extract().path("text");

        Path keys = suite.work().resolve("local-run/keys/local-qr-1.private.pem");
        QrForger suiteKey = QrForger.withSuiteKey(keys, "local-qr-1");
        Map<String, Object> claims = QrForger.claimsOf(validQr);
        Instant now = Instant.now();
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("valid", validQr);
        codes.put("tampered", QrForger.tampered(validQr));
        codes.put("expired", suiteKey.sign(QrForger.during(claims, now.minusSeconds(3600), now.minusSeconds(1800))));
        codes.put("unknown-key", QrForger.withUnknownKey("rogue-1").sign(claims));
        Map<String, Object> noSuchPermit = new LinkedHashMap<>(claims);
        noSuchPermit.put("pn", "W" + "0".repeat(13) + "1");
        codes.put("not-on-record", suiteKey.sign(noSuchPermit));
        Map<String, Path> videos = new LinkedHashMap<>();
        codes.forEach((name, qr) -> videos.put(name, QrVideo.write(QrVideo.symbol(qr, 400), out.resolve(name + ".y4m"))));
        videos.put("cancelled", QrVideo.write(QrVideo.symbol(toBeCancelled, 400), out.resolve("cancelled.y4m")));
        Path profile = out.resolve("chromium-profile");

        // online, signed in: the offline verdict and permit-service's beside it
        assertThat(scan(page, videos.get("valid"), profile, "online-valid", true)).isEqualTo(new Seen("VALID", null, "VALID", false));
        assertThat(scan(page, videos.get("tampered"), profile, "online-tampered", true)).isEqualTo(new Seen("TAMPERED", null, "TAMPERED", false));
        assertThat(scan(page, videos.get("expired"), profile, "online-expired", true)).isEqualTo(new Seen("EXPIRED", null, "EXPIRED", false));
        assertThat(scan(page, videos.get("unknown-key"), profile, "online-unknown-key", true))
                .isEqualTo(new Seen("UNKNOWN_KEY", null, "UNKNOWN_KEY", false));
        // the picture the app itself serves (/api/permits/mine/qr.png), chosen as a file instead of the camera
        Path appPng = out.resolve("app-qr.png");
        Files.write(appPng, staying.permitService("/qr.png").statusCode(200).extract().asByteArray());
        assertThat(scan(page, videos.get("tampered"), profile, "online-upload", true, appPng))
                .isEqualTo(new Seen("VALID", null, "VALID", false));
        // genuine signature, but no such permit: the two disagree, and the page says so
        assertThat(scan(page, videos.get("not-on-record"), profile, "online-disagree", true))
                .isEqualTo(new Seen("VALID", null, "PERMIT_NOT_FOUND", true));

        // the authority cancels; once the list says so, the page refuses the code it saw as valid minutes ago
        long idx = ((Number) ((Map<?, ?>) ((Map<?, ?>) QrForger.claimsOf(toBeCancelled).get("status")).get("status_list")).get("idx")).longValue();
        assertThat(scan(page, videos.get("cancelled"), profile, "online-before-cancellation", true))
                .isEqualTo(new Seen("VALID", null, "VALID", false));
        authority.cancel(leaving.permitNumber, "Employment ended");
        await("the published list marks the cancellation").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> bit(gateway, idx));
        assertThat(scan(page, videos.get("cancelled"), profile, "online-cancelled", true))
                .isEqualTo(new Seen("CANCELLED", null, "PERMIT_CANCELLED", false));

        // the server gone: nothing answers at the page's address; the service worker serves page, keys and list
        suite.stopGateway();
        try {
            Seen valid = scan(page, videos.get("valid"), profile, "offline-valid", false);
            assertThat(valid.outcome()).isEqualTo("VALID");
            assertThat(valid.warning()).as("the list cached online is fresh").isNull();
            assertThat(scan(page, videos.get("tampered"), profile, "offline-tampered", false).outcome()).isEqualTo("TAMPERED");
            assertThat(scan(page, videos.get("expired"), profile, "offline-expired", false).outcome()).isEqualTo("EXPIRED");
            assertThat(scan(page, videos.get("unknown-key"), profile, "offline-unknown-key", false).outcome()).isEqualTo("UNKNOWN_KEY");
            assertThat(scan(page, videos.get("cancelled"), profile, "offline-cancelled", false).outcome()).isEqualTo("CANCELLED");
            assertThat(scan(page, videos.get("tampered"), profile, "offline-upload", false, appPng).outcome()).isEqualTo("VALID");
        } finally {
            suite.restartGateway();
        }
        try (var shots = Files.list(out)) {
            assertThat(shots.filter(p -> p.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(14);
        }
    }

    private HolderApp holder(Authority authority) {
        HolderApp app = new HolderApp(suite, NAME, authority.issue(NAME), "Verifier#2026", "en");
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(app::registeredAndLoggedIn);
        app.setPin(PIN).statusCode(204);
        app.enterPin(PIN).statusCode(200);
        return app;
    }

    /** Whether the list that the gateway publishes has bit {@code idx} set (list 0: the suite has few permits). */
    private static boolean bit(String gateway, long idx) throws Exception {
        String token = given().when().get(gateway + "/api/permits/qr/status-lists/0").then().statusCode(200).extract().asString();
        JsonNode claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        Inflater inflater = new Inflater();
        inflater.setInput(java.util.Base64.getUrlDecoder().decode(claims.path("status_list").path("lst").asText()));
        byte[] bits = new byte[1 << 17];
        inflater.inflate(bits);
        inflater.end();
        return (bits[(int) (idx >>> 3)] & (1 << (idx & 7))) != 0;
    }

    /** One browser launch with {@code video} as its camera: what the page decided, and a screenshot of it. */
    private static Seen scan(String page, Path video, Path profile, String name, boolean signedIn) throws IOException {
        return scan(page, video, profile, name, signedIn, null);
    }

    /** As above, the code read from {@code image} chosen in "Read from an image" rather than from the camera. */
    private static Seen scan(String page, Path video, Path profile, String name, boolean signedIn, Path image)
            throws IOException {
        Path web = root.resolve("permit-service/src/main/web");
        List<String> command = new ArrayList<>(List.of("node", "test/browser-check.mjs", "--url", page, "--video",
                video.toString(), "--user-data-dir", profile.toString(), "--screenshot", out.resolve(name + ".png").toString()));
        if (signedIn) {
            command.addAll(List.of("--login", "officer:Officer#2026"));
        }
        if (image != null) {
            command.addAll(List.of("--image", image.toString()));
        }
        String output = run(command, web, Duration.ofMinutes(2));
        String line = output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("the browser check printed no verdict:\n" + output));
        JsonNode seen = JSON.readTree(line);
        System.out.printf("verifier page, %s: %s%n", name, line);
        return new Seen(seen.path("outcome").asText(null), seen.path("warning").isNull() ? null : seen.path("warning").asText(),
                signedIn ? seen.path("online").asText(null) : null, seen.path("disagree").asBoolean());
    }

    private static String run(List<String> command, Duration timeout) {
        return run(command, root, timeout);
    }

    private static String run(List<String> command, Path dir, Duration timeout) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end within " + timeout);
            }
            String text = new String(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + text).isZero();
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

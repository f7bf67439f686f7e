package org.esscard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.esscard.platform.testing.QuarkusAppProcess;
import org.junit.jupiter.api.Test;

/** {@code ./esscard demo} walks J1 against a running suite: here against the test suite, so the demo keeps working. */
class DemoIT {

    @Test
    void theDemoWalksTheMainJourneyAndSaysWhatItDid() throws IOException, InterruptedException {
        RunningSuite suite = RunningSuite.get();
        Path root = QuarkusAppProcess.root();
        Path out = suite.work().resolve("demo");
        ProcessBuilder demo = new ProcessBuilder("bash", root.resolve("deploy/local/demo.sh").toString())
                .redirectErrorStream(true);
        demo.environment().put("ESSCARD_ACCOUNT_URL", suite.account.url(""));
        demo.environment().put("ESSCARD_PERMIT_URL", suite.permit.url(""));
        demo.environment().put("ESSCARD_NOTIFICATION_URL", suite.notification.url(""));
        demo.environment().put("ESSCARD_DEMO_DIR", out.toString());
        long started = System.nanoTime();
        Process process = demo.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        System.out.printf("demo: %d ms%n%s%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), output);

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("400 NAME_MISMATCH")
                .contains("VERIFIED by FACE")
                .contains("403 PIN_REQUIRED")
                .contains("verdict VALID")
                .contains("Your work permit was cancelled")
                .contains("/api/permits/mine/qr → 403 PERMIT_CANCELLED")
                .contains("verdict PERMIT_CANCELLED")
                .contains("checked offline (./esscard verify-qr: its signature and the published status list) → CANCELLED")
                .contains("The journey took");
        try (var letters = Files.list(out)) {
            assertThat(letters.filter(p -> p.getFileName().toString().endsWith(".pdf"))).isNotEmpty();
        }
    }
}

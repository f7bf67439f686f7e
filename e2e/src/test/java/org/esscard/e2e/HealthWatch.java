package org.esscard.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.esscard.platform.testing.QuarkusAppProcess;

/**
 * Asks every service's readiness and liveness, as Kubernetes's probes do (the chart's timeoutSeconds: 3), every quarter
 * of a second while a fault lasts. A failure is any answer but 200, or a probe left unanswered three times in a row
 * (the chart's failureThreshold): either would take the pod out of its Service (readiness) or restart it (liveness).
 * A single slow answer on a loaded machine is not one, as it is not for Kubernetes.
 */
final class HealthWatch implements AutoCloseable {

    private static final Duration EVERY = Duration.ofMillis(250);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final int UNANSWERED_IN_A_ROW = 3;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private final List<QuarkusAppProcess> services;
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger rounds = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    private HealthWatch(List<QuarkusAppProcess> services) {
        this.services = services;
        this.thread = new Thread(this::run, "health-watch");
        this.thread.setDaemon(true);
    }

    static HealthWatch of(List<QuarkusAppProcess> services) {
        HealthWatch watch = new HealthWatch(services);
        watch.thread.start();
        return watch;
    }

    /** HTTP status of {@code path} at {@code service}, or -1 when it does not answer within 3 s. */
    static int status(QuarkusAppProcess service, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(service.url(path))).timeout(TIMEOUT).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void run() {
        java.util.Map<String, Integer> unanswered = new java.util.HashMap<>();
        while (running) {
            long started = System.nanoTime();
            for (QuarkusAppProcess service : services) {
                for (String probe : List.of("/q/health/ready", "/q/health/live")) {
                    String which = service.name() + " " + probe;
                    int status = status(service, probe);
                    if (status == -1) {
                        if (unanswered.merge(which, 1, Integer::sum) == UNANSWERED_IN_A_ROW) {
                            failures.add(which + " unanswered " + UNANSWERED_IN_A_ROW + " times in a row, at round " + rounds.get());
                        }
                        continue;
                    }
                    unanswered.remove(which);
                    if (status != 200) {
                        failures.add(which + " answered " + status + " at round " + rounds.get());
                    }
                }
            }
            rounds.incrementAndGet();
            long left = EVERY.toNanos() - (System.nanoTime() - started);
            if (left > 0) {
                try {
                    Thread.sleep(left / 1_000_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Probe answers other than 200 so far. */
    List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    /** How many times every probe has been asked. */
    int rounds() {
        return rounds.get();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.esscard.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Resident memory of the suite's JVMs from /proc: now, and the highest seen while a load ran (sampled every 250 ms). */
public final class ServiceMemory implements AutoCloseable {

    private final Map<String, Long> pids;
    private final Map<String, Long> peak = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    private ServiceMemory(Map<String, Long> pids) {
        this.pids = pids;
        this.sampler = new Thread(() -> {
            while (running) {
                now(pids).forEach((name, mib) -> peak.merge(name, mib, Math::max));
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts sampling; {@link #close()} stops it. */
    public static ServiceMemory watch(Map<String, Long> pids) {
        return new ServiceMemory(pids);
    }

    public Map<String, Long> peakMib() {
        return new LinkedHashMap<>(peak);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }

    /** VmRSS of each process in MiB (absent when it is gone). */
    public static Map<String, Long> now(Map<String, Long> pids) {
        return field(pids, "VmRSS:");
    }

    /** VmHWM (the kernel's own peak RSS since start) of each process in MiB. */
    public static Map<String, Long> highWater(Map<String, Long> pids) {
        return field(pids, "VmHWM:");
    }

    private static Map<String, Long> field(Map<String, Long> pids, String field) {
        Map<String, Long> result = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                    if (line.startsWith(field)) {
                        result.put(name, Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                    }
                }
            } catch (Exception e) {
                // the process is gone
            }
        });
        return result;
    }
}

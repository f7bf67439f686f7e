package org.esscard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time a process has used (user + system, from /proc/<pid>/stat), and the same summed over PostgreSQL's processes.
 * Divided by the operations served in between, it gives the CPU an operation costs: the figure SCALING.md works from,
 * because it moves far less than throughput when other work shares the cores.
 */
final class ProcessCpu {

    private static final double TICK_MS = 10.0; // USER_HZ is 100 on Linux

    private ProcessCpu() {
    }

    /** CPU milliseconds used so far by {@code pid}, or -1 when it is gone. */
    static double millis(long pid) {
        try {
            return ticks(Files.readString(Path.of("/proc", String.valueOf(pid), "stat"))) * TICK_MS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU milliseconds used so far by every process named {@code postgres} (the server and its backends). */
    static double postgresMillis() {
        double total = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs.filter(p -> p.getFileName().toString().matches("\\d+"))::iterator) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        total += ticks(stat) * TICK_MS;
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return total;
    }

    /** utime + stime: fields 14 and 15, counted after the command name's closing parenthesis. */
    private static long ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}

package org.esscard.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

/** What the figures were taken on: cores, memory, CPU model, JDK, PostgreSQL, and the load average at the time. */
public record Machine(int cores, String cpu, long memoryMib, String os, String jdk, String postgres) {

    public static Machine describe(String jdbc) {
        String cpu = "?";
        long mem = 0;
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version");
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
            mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).orElse(0L);
            for (String l : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (l.startsWith("PRETTY_NAME=")) {
                    os = l.substring(12).replace("\"", "") + ", Linux " + System.getProperty("os.version");
                }
            }
        } catch (Exception e) {
            // keep what is known
        }
        String pg = "?";
        try (Connection c = DriverManager.getConnection(jdbc, "esscard", "esscard"); ResultSet rs = c.createStatement().executeQuery("show server_version")) {
            rs.next();
            pg = rs.getString(1);
        } catch (Exception e) {
            pg = "unreachable: " + e.getMessage();
        }
        String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        return new Machine(Runtime.getRuntime().availableProcessors(), cpu, mem, os, jdk, pg);
    }

    /** The 1-, 5- and 15-minute load averages, as /proc/loadavg gives them. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (Exception e) {
            return "?";
        }
    }
}

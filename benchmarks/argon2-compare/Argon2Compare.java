package org.esscard.account.service.credential;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.*;
import java.util.concurrent.*;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Version;

/**
 * Issue 14 item 7: in-house Argon2id vs argon2-jvm (libargon2 via JNA), same parameters, same machine; figures in
 * docs/BENCHMARKS.md. Not part of the build (argon2-jvm is not a dependency). To repeat, after packaging account-service
 * and {@code ./mvnw dependency:get -Dartifact=de.mkammerer:argon2-jvm:2.12}:
 * <pre>
 * CP=account-service/target/quarkus-app/app/account-service-0.1.0-SNAPSHOT.jar:$HOME/.m2/repository/org/bouncycastle/bcprov-jdk18on/1.78.1/bcprov-jdk18on-1.78.1.jar
 * CP=$CP:$HOME/.m2/repository/de/mkammerer/argon2-jvm/2.12/argon2-jvm-2.12.jar:$HOME/.m2/repository/de/mkammerer/argon2-jvm-nolibs/2.12/argon2-jvm-nolibs-2.12.jar
 * CP=$CP:$HOME/.m2/repository/net/java/dev/jna/jna/5.16.0/jna-5.16.0.jar
 * javac --release 17 -cp $CP -d /tmp/a2 benchmarks/argon2-compare/Argon2Compare.java
 * java -cp /tmp/a2:$CP org.esscard.account.service.credential.Argon2Compare 6 5     # hashes per round, rounds
 * </pre>
 */
public class Argon2Compare {
    static final int M = 19 * 1024, T = 2, P = 1, LEN = 32;
    static final Argon2Advanced NATIVE = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id);
    static final ThreadLocal<Argon2id.Memory> MEM = ThreadLocal.withInitial(() -> new Argon2id.Memory(Argon2id.blocks(M, P)));

    static byte[] ours(byte[] pw, byte[] salt, byte[] secret) { return Argon2id.hash(pw, salt, secret, M, T, P, LEN, MEM.get()); }
    static byte[] nat(byte[] pw, byte[] salt, byte[] secret) { return NATIVE.rawHashAdvanced(T, M, P, pw, salt, secret, null, LEN, Argon2Version.V13); }
    static byte[] bc(byte[] pw, byte[] salt, byte[] secret) {
        Argon2Parameters.Builder b = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(M).withIterations(T).withParallelism(P);
        if (secret != null) b.withSecret(secret);
        Argon2BytesGenerator g = new Argon2BytesGenerator(); g.init(b.build()); byte[] out = new byte[LEN]; g.generateBytes(pw, out); return out;
    }

    interface H { byte[] h(byte[] pw, byte[] salt, byte[] secret); }

    public static void main(String[] a) throws Exception {
        int hashes = Integer.parseInt(a[0]), rounds = Integer.parseInt(a[1]);
        SecureRandom r = new SecureRandom();
        // byte-identical tags: with and without a secret (the PIN pepper), against BouncyCastle
        for (int i = 0; i < 5; i++) {
            byte[] pw = ("Secret#2026-" + i).getBytes(StandardCharsets.UTF_8), salt = new byte[16]; r.nextBytes(salt);
            byte[] secret = i % 2 == 0 ? null : "pepper".getBytes(StandardCharsets.UTF_8);
            byte[] o = ours(pw, salt, secret), n = nat(pw, salt, secret), b = bc(pw, salt, secret);
            if (!Arrays.equals(o, b) || !Arrays.equals(n, b)) throw new AssertionError("tags differ at " + i + " ours=" + Arrays.equals(o, b) + " native=" + Arrays.equals(n, b));
        }
        System.out.println("tags: ours == argon2-jvm == BouncyCastle for 5 inputs (with and without secret)");
        int cores = Runtime.getRuntime().availableProcessors();
        Map<String, H> impls = new LinkedHashMap<>(); impls.put("in-house", Argon2Compare::ours); impls.put("argon2-jvm", Argon2Compare::nat);
        byte[] pw = "Secret#2026".getBytes(StandardCharsets.UTF_8), salt = new byte[16]; r.nextBytes(salt);
        // warm up both
        long warm = System.nanoTime() + 4_000_000_000L;
        while (System.nanoTime() < warm) { ours(pw, salt, null); nat(pw, salt, null); }
        Map<String, List<Double>> one = new LinkedHashMap<>(), all = new LinkedHashMap<>(), oneCpu = new LinkedHashMap<>(), allCpu = new LinkedHashMap<>();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, H> e : impls.entrySet()) {   // alternate so load drift hits both
                H h = e.getValue();
                long t0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < hashes; i++) h.h(pw, salt, null);
                one.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add((System.nanoTime() - t0) / 1e6 / hashes);
                oneCpu.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add((mx.getCurrentThreadCpuTime() - c0) / 1e6 / hashes);
                long t1 = System.nanoTime();
                List<Future<Long>> fs = new ArrayList<>();
                for (int c = 0; c < cores; c++) fs.add(pool.submit(() -> { long c1 = mx.getCurrentThreadCpuTime(); for (int i = 0; i < hashes; i++) h.h(pw, salt, null); return mx.getCurrentThreadCpuTime() - c1; }));
                long cpu = 0;
                for (Future<Long> f : fs) cpu += f.get();
                all.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(cores * hashes / ((System.nanoTime() - t1) / 1e9));
                allCpu.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(cpu / 1e6 / (cores * hashes));
            }
        }
        pool.shutdown();
        for (String k : impls.keySet()) {
            System.out.printf("%-11s one thread ms/hash  %s%n", k, spread(one.get(k)));
            System.out.printf("%-11s %d threads hashes/s %s%n", k, cores, spread(all.get(k)));
            System.out.printf("%-11s one thread CPU ms/hash %s%n", k, spread(oneCpu.get(k)));
            System.out.printf("%-11s %d threads CPU ms/hash %s%n", k, cores, spread(allCpu.get(k)));
        }
        double o1 = median(one.get("in-house")), n1 = median(one.get("argon2-jvm")), oa = median(all.get("in-house")), na = median(all.get("argon2-jvm"));
        System.out.printf("speed-up of argon2-jvm (medians): one thread %.2fx, all cores %.2fx (wall)%n", o1 / n1, na / oa);
        System.out.printf("speed-up of argon2-jvm (medians of CPU time per hash): one thread %.2fx, all cores %.2fx%n",
                median(oneCpu.get("in-house")) / median(oneCpu.get("argon2-jvm")), median(allCpu.get("in-house")) / median(allCpu.get("argon2-jvm")));
    }
    static double median(List<Double> v) { List<Double> s = new ArrayList<>(v); Collections.sort(s); return s.get(s.size() / 2); }
    static String spread(List<Double> v) { List<Double> s = new ArrayList<>(v); Collections.sort(s); return String.format("min %.1f / median %.1f / max %.1f (n=%d)", s.get(0), s.get(s.size() / 2), s.get(s.size() - 1), s.size()); }
}

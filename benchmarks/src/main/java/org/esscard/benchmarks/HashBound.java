package org.esscard.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The hash-bound limit of logins on this machine: cores ÷ the time of one Argon2id check at account-service's
 * parameters (19 MiB, t=2, p=1; BouncyCastle, as the service). Also measured: every core hashing at once, which is
 * what a saturated service does (the cores then share the memory bus).
 */
public final class HashBound {

    public static final int MEMORY_KIB = 19 * 1024;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;

    /** One hash's time (one thread), and the rate with every core hashing. */
    public record Result(int cores, int hashes, double millisPerHash, double allCoresPerSecond) {
        public double bound() {
            return cores * 1000.0 / millisPerHash;
        }
    }

    private HashBound() {
    }

    public static Result measure(int hashes) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        for (int i = 0; i < Math.max(3, hashes / 5); i++) {
            argon2("warm-up password", salt);
        }
        long start = System.nanoTime();
        for (int i = 0; i < hashes; i++) {
            argon2("Bench#2026pw" + i, salt);
        }
        double millis = (System.nanoTime() - start) / 1e6 / hashes;

        ExecutorService pool = Executors.newFixedThreadPool(cores);
        try {
            long began = System.nanoTime();
            List<Future<?>> all = new ArrayList<>();
            for (int c = 0; c < cores; c++) {
                all.add(pool.submit(() -> {
                    for (int i = 0; i < hashes; i++) {
                        argon2("Bench#2026pw" + i, salt);
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            return new Result(cores, hashes, millis, cores * hashes / seconds);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A PHC string for {@code password}, as account-service writes it: what support imports for the login holders. */
    public static String phc(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(argon2(password, salt));
    }

    private static byte[] argon2(String password, byte[] salt) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(MEMORY_KIB).withIterations(ITERATIONS).withParallelism(PARALLELISM).build());
        byte[] out = new byte[32];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}

package org.esscard.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.esscard.account.service.credential.PasswordHasher;

/**
 * The hash-bound limit of logins on this machine: cores ÷ the time of one password check, with account-service's own
 * {@link PasswordHasher} (Argon2id, 19 MiB, t=2, p=1) on one thread. Also measured: every core checking at once (what a
 * saturated service does; the cores then share the memory bus), and BouncyCastle's Argon2id at the same parameters
 * (the implementation Keycloak uses) for reference.
 */
public final class HashBound {

    public static final int MEMORY_KIB = 19 * 1024;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;
    private static final long WARM_UP_NANOS = 3_000_000_000L;

    /** One check's time (one thread), the rate with every core checking, and BouncyCastle's time for one hash. */
    public record Result(int cores, int hashes, double millisPerHash, double allCoresPerSecond, double bouncyCastleMillis) {
        public double bound() {
            return cores * 1000.0 / millisPerHash;
        }
    }

    private HashBound() {
    }

    public static Result measure(int hashes) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        PasswordHasher hasher = new PasswordHasher();
        String stored = hasher.hash(Target.PASSWORD);
        // warm up until the JIT has compiled the hash's inner loops: at least 3 s and 60 checks (fewer left the
        // one-thread time above the per-thread time of the all-cores run that followed, understating the bound)
        long warmUntil = System.nanoTime() + WARM_UP_NANOS;
        for (int i = 0; i < Math.max(3, hashes / 5) || (hashes >= 20 && (i < 60 || System.nanoTime() < warmUntil)); i++) {
            hasher.verify(Target.PASSWORD, stored);
        }
        long start = System.nanoTime();
        for (int i = 0; i < hashes; i++) {
            if (!hasher.verify(Target.PASSWORD, stored)) {
                throw new IllegalStateException("the password check failed");
            }
        }
        double millis = (System.nanoTime() - start) / 1e6 / hashes;

        ExecutorService pool = Executors.newFixedThreadPool(cores);
        double allCores;
        try {
            long began = System.nanoTime();
            List<Future<?>> all = new ArrayList<>();
            for (int c = 0; c < cores; c++) {
                all.add(pool.submit(() -> {
                    for (int i = 0; i < hashes; i++) {
                        hasher.verify(Target.PASSWORD, stored);
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
            allCores = cores * hashes / ((System.nanoTime() - began) / 1e9);
        } finally {
            pool.shutdownNow();
        }

        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        int reference = Math.max(3, hashes / 4);
        bouncyCastle(salt);
        long bcStart = System.nanoTime();
        for (int i = 0; i < reference; i++) {
            bouncyCastle(salt);
        }
        return new Result(cores, hashes, millis, allCores, (System.nanoTime() - bcStart) / 1e6 / reference);
    }

    /** A PHC string for {@code password}, as account-service writes it: what support imports for the login holders. */
    public static String phc(String password) {
        return new PasswordHasher().hash(password);
    }

    private static void bouncyCastle(byte[] salt) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(MEMORY_KIB).withIterations(ITERATIONS).withParallelism(PARALLELISM).build());
        generator.generateBytes(Target.PASSWORD.getBytes(StandardCharsets.UTF_8), new byte[32]);
    }
}

package org.esscard.account.service.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Argon2id password hashes in the PHC string format, at OWASP's minimum parameters
 * (19 MiB memory, 2 iterations, 1 lane). Hashing is CPU-bound: call it through {@link CredentialHashing},
 * off the event loop. The memory of a hash is reused by the next one ({@link Argon2id}). An optional secret (a pepper) goes into Argon2's own secret input and is never stored.
 */
@ApplicationScoped
public class PasswordHasher {

    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    /** {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}, base64 without padding. */
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,86})");

    private static final int DEFAULT_BLOCKS = Argon2id.blocks(MEMORY_KIB, PARALLELISM);
    private static final int KEPT_MEMORIES = Runtime.getRuntime().availableProcessors();

    private final SecureRandom random = new SecureRandom();
    /** Argon2 memories of finished hashes (19 MiB each), reused so a hash allocates none: see {@link Argon2id}. */
    private final ConcurrentLinkedQueue<Argon2id.Memory> memories = new ConcurrentLinkedQueue<>();

    public String hash(String password) {
        return hash(password, null);
    }

    /** A hash of {@code password} keyed with {@code secret} (or none when {@code null}). */
    public String hash(String password, byte[] secret) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = argon2(password, salt, secret, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether {@code password} matches {@code encoded}; constant time in the comparison. */
    public boolean verify(String password, String encoded) {
        return verify(password, encoded, null);
    }

    /** Whether {@code password} keyed with {@code secret} matches {@code encoded}; {@code false} for a malformed hash. */
    public boolean verify(String password, String encoded, byte[] secret) {
        if (!isArgon2id(encoded)) {
            return false;
        }
        Matcher m = PHC.matcher(encoded);
        m.matches();
        byte[] salt = B64D.decode(m.group(4));
        byte[] expected = B64D.decode(m.group(5));
        byte[] actual = argon2(password, salt, secret, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /**
     * Whether {@code encoded} is an Argon2id PHC string this class can check, with parameters no weaker than
     * OWASP's minimum and no heavier than 256 MiB (an imported hash must neither weaken nor stall logins).
     */
    public static boolean isArgon2id(String encoded) {
        if (encoded == null) {
            return false;
        }
        Matcher m = PHC.matcher(encoded);
        if (!m.matches()) {
            return false;
        }
        long memory = Long.parseLong(m.group(1));
        long iterations = Long.parseLong(m.group(2));
        long parallelism = Long.parseLong(m.group(3));
        return memory <= 256 * 1024 && iterations >= 1 && iterations <= 10 && parallelism >= 1 && parallelism <= 4
                && memory * iterations >= (long) MEMORY_KIB * ITERATIONS;
    }

    private byte[] argon2(String password, byte[] salt, byte[] secret, int memory, int iterations, int parallelism, int length) {
        int blocks = Argon2id.blocks(memory, parallelism);
        Argon2id.Memory work = blocks == DEFAULT_BLOCKS ? memories.poll() : null;
        if (work == null) {
            work = new Argon2id.Memory(blocks);
        }
        try {
            return Argon2id.hash(password.getBytes(StandardCharsets.UTF_8), salt, secret, memory, iterations, parallelism, length, work);
        } finally {
            // kept for the next hash: as many as hash at once (CredentialHashing lets one per core), the others dropped.
            // Not cleared: its blocks derive from the password through BLAKE2b, and the next hash overwrites every one
            // before reading it (Argon2's first pass only references blocks it has already written)
            if (work.blocks == DEFAULT_BLOCKS && memories.size() < KEPT_MEMORIES) {
                memories.offer(work);
            }
        }
    }
}

package org.esscard.account.service.credential;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

/**
 * Our Argon2id (reused memory) gives BouncyCastle's tags bit for bit: over lanes, passes, memory sizes, tag lengths,
 * with and without a secret, and with a memory reused from a different password. Hashes made before the switch
 * (by BouncyCastle) therefore still verify.
 */
class Argon2idTest {

    private final Random random = new Random(20260919);

    @Test
    void tagsEqualBouncyCastlesOverTheParameterSpace() {
        int[][] parameters = { // memory KiB, iterations, lanes, tag length
                { 8, 1, 1, 32 }, { 64, 1, 1, 32 }, { 64, 3, 1, 32 }, { 256, 2, 1, 32 }, { 100, 2, 2, 16 }, { 256, 3, 4, 64 },
                { 257, 1, 3, 65 }, { 512, 2, 1, 128 }, { 1024, 4, 2, 4 } };
        for (int[] p : parameters) {
            for (boolean withSecret : new boolean[] { false, true }) {
                byte[] password = bytes(1 + random.nextInt(40));
                byte[] salt = bytes(16);
                byte[] secret = withSecret ? bytes(1 + random.nextInt(32)) : null;
                Argon2id.Memory memory = new Argon2id.Memory(Argon2id.blocks(p[0], p[2]));
                // a memory left over from another hash must not matter
                Argon2id.hash(bytes(8), bytes(16), null, p[0], p[1], p[2], p[3], memory);
                assertThat(Argon2id.hash(password, salt, secret, p[0], p[1], p[2], p[3], memory))
                        .as("m=%d t=%d p=%d len=%d secret=%s", p[0], p[1], p[2], p[3], withSecret)
                        .isEqualTo(bouncyCastle(password, salt, secret, p[0], p[1], p[2], p[3]));
            }
        }
    }

    @Test
    void aHashAtOurParametersEqualsBouncyCastlesAndAnOldHashStillVerifies() {
        byte[] salt = bytes(16);
        byte[] password = "Secret#2026".getBytes(StandardCharsets.UTF_8);
        Argon2id.Memory memory = new Argon2id.Memory(Argon2id.blocks(PasswordHasher.MEMORY_KIB, PasswordHasher.PARALLELISM));
        byte[] bc = bouncyCastle(password, salt, null, PasswordHasher.MEMORY_KIB, PasswordHasher.ITERATIONS, PasswordHasher.PARALLELISM, 32);
        assertThat(Argon2id.hash(password, salt, null, PasswordHasher.MEMORY_KIB, PasswordHasher.ITERATIONS, PasswordHasher.PARALLELISM,
                32, memory)).isEqualTo(bc);

        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder().withoutPadding();
        String phc = "$argon2id$v=19$m=19456,t=2,p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(bc);
        assertThat(new PasswordHasher().verify("Secret#2026", phc)).isTrue();
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] bouncyCastle(byte[] password, byte[] salt, byte[] secret, int memory, int iterations, int lanes, int length) {
        Argon2Parameters.Builder builder = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(memory).withIterations(iterations)
                .withParallelism(lanes);
        if (secret != null) {
            builder.withSecret(secret);
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(builder.build());
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }
}

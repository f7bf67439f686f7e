package org.esscard.account.service.credential;

import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Argon2id version 1.3 (RFC 9106) over a caller-provided memory, so that a hash allocates nothing big.
 *
 * <p>Why not BouncyCastle's {@code Argon2BytesGenerator}: it allocates its whole memory (19,456 objects of 1 KiB at
 * our parameters) for every hash. At a login's rate that is half a gigabyte per second for the garbage collector of a
 * 256 MiB heap, with two 19 MiB memories alive at any time; profiled under login load (JFR) the service spent 15 % of
 * the wall time in GC pauses, and both hashing threads stopped with it. Here each hashing slot reuses one memory. The
 * output is bit for bit BouncyCastle's ({@code Argon2idTest}); BouncyCastle still provides BLAKE2b.
 *
 * <p>Lanes are computed one after the other: parallelism changes the result, not the number of threads.
 */
final class Argon2id {

    private static final int BLOCK_LONGS = 128;
    private static final int SYNC_POINTS = 4;
    private static final int VERSION = 0x13;
    private static final int TYPE_ID = 2;
    private static final int ADDRESSES_IN_BLOCK = 128;

    /** The working memory of one hash at a time: {@code blocks} × 1 KiB, reusable for any hash of that many blocks. */
    static final class Memory {
        final long[] words;
        final int blocks;
        final long[] r = new long[BLOCK_LONGS];
        final long[] q = new long[BLOCK_LONGS];
        final long[] zero = new long[BLOCK_LONGS];
        final long[] input = new long[BLOCK_LONGS];
        final long[] address = new long[BLOCK_LONGS];

        Memory(int blocks) {
            this.blocks = blocks;
            this.words = new long[blocks * BLOCK_LONGS];
        }
    }

    private Argon2id() {
    }

    /** The number of 1 KiB blocks a hash of {@code memoryKib} and {@code lanes} uses (RFC 9106 m'). */
    static int blocks(int memoryKib, int lanes) {
        int m = Math.max(memoryKib, 2 * SYNC_POINTS * lanes);
        return SYNC_POINTS * lanes * (m / (SYNC_POINTS * lanes));
    }

    /**
     * The tag of {@code password} with {@code salt} and an optional {@code secret}, in {@code memory} (which must have
     * exactly {@link #blocks} blocks).
     */
    static byte[] hash(byte[] password, byte[] salt, byte[] secret, int memoryKib, int iterations, int lanes, int length,
            Memory memory) {
        int blocks = blocks(memoryKib, lanes);
        if (memory.blocks != blocks) {
            throw new IllegalArgumentException("memory of " + memory.blocks + " blocks for a hash of " + blocks);
        }
        if (iterations < 1 || lanes < 1 || length < 4) {
            throw new IllegalArgumentException("iterations and lanes must be positive, the tag at least 4 bytes");
        }
        int laneLength = blocks / lanes;
        int segmentLength = laneLength / SYNC_POINTS;
        long[] mem = memory.words;

        byte[] h0 = initialHash(password, salt, secret == null ? new byte[0] : secret, memoryKib, iterations, lanes, length);
        byte[] seed = new byte[72];
        System.arraycopy(h0, 0, seed, 0, 64);
        byte[] block = new byte[1024];
        for (int lane = 0; lane < lanes; lane++) {
            for (int column = 0; column < 2; column++) {
                le32(seed, 64, column);
                le32(seed, 68, lane);
                variableHash(seed, block);
                int offset = (lane * laneLength + column) * BLOCK_LONGS;
                for (int w = 0; w < BLOCK_LONGS; w++) {
                    mem[offset + w] = le64(block, w * 8);
                }
            }
        }

        for (int pass = 0; pass < iterations; pass++) {
            for (int slice = 0; slice < SYNC_POINTS; slice++) {
                for (int lane = 0; lane < lanes; lane++) {
                    fillSegment(memory, pass, lane, slice, lanes, laneLength, segmentLength, blocks, iterations);
                }
            }
        }

        long[] last = memory.r;
        System.arraycopy(mem, (laneLength - 1) * BLOCK_LONGS, last, 0, BLOCK_LONGS);
        for (int lane = 1; lane < lanes; lane++) {
            int offset = (lane * laneLength + laneLength - 1) * BLOCK_LONGS;
            for (int w = 0; w < BLOCK_LONGS; w++) {
                last[w] ^= mem[offset + w];
            }
        }
        for (int w = 0; w < BLOCK_LONGS; w++) {
            le64(block, w * 8, last[w]);
        }
        byte[] tag = new byte[length];
        variableHash(block, tag);
        return tag;
    }

    private static void fillSegment(Memory memory, int pass, int lane, int slice, int lanes, int laneLength, int segmentLength,
            int blocks, int iterations) {
        long[] mem = memory.words;
        boolean independent = pass == 0 && slice < SYNC_POINTS / 2;
        long[] address = memory.address;
        long[] input = memory.input;
        if (independent) {
            java.util.Arrays.fill(input, 0);
            input[0] = pass;
            input[1] = lane;
            input[2] = slice;
            input[3] = blocks;
            input[4] = iterations;
            input[5] = TYPE_ID;
        }
        int start = 0;
        if (pass == 0 && slice == 0) {
            start = 2;
            if (independent) {
                nextAddresses(memory);
            }
        }
        int current = lane * laneLength + slice * segmentLength + start;
        int previous = current % laneLength == 0 ? current + laneLength - 1 : current - 1;
        for (int index = start; index < segmentLength; index++, current++, previous++) {
            if (current % laneLength == 1) {
                previous = current - 1;
            }
            long pseudoRandom;
            if (independent) {
                if (index % ADDRESSES_IN_BLOCK == 0) {
                    nextAddresses(memory);
                }
                pseudoRandom = address[index % ADDRESSES_IN_BLOCK];
            } else {
                pseudoRandom = mem[previous * BLOCK_LONGS];
            }
            int refLane = (int) ((pseudoRandom >>> 32) % lanes);
            if (pass == 0 && slice == 0) {
                refLane = lane;
            }
            boolean sameLane = refLane == lane;
            long areaSize;
            if (pass == 0) {
                if (slice == 0) {
                    areaSize = index - 1;
                } else if (sameLane) {
                    areaSize = (long) slice * segmentLength + index - 1;
                } else {
                    areaSize = (long) slice * segmentLength + (index == 0 ? -1 : 0);
                }
            } else if (sameLane) {
                areaSize = laneLength - segmentLength + index - 1;
            } else {
                areaSize = laneLength - segmentLength + (index == 0 ? -1 : 0);
            }
            long relative = pseudoRandom & 0xFFFFFFFFL;
            relative = (relative * relative) >>> 32;
            relative = areaSize - 1 - ((areaSize * relative) >>> 32);
            long startPosition = pass != 0 && slice != SYNC_POINTS - 1 ? (long) (slice + 1) * segmentLength : 0;
            int refColumn = (int) ((startPosition + relative) % laneLength);
            int reference = refLane * laneLength + refColumn;
            compress(memory, previous * BLOCK_LONGS, reference * BLOCK_LONGS, current * BLOCK_LONGS, pass > 0);
        }
    }

    /** The next 128 pseudo-random pairs of data-independent addressing: G(0, G(0, input)) with the counter advanced. */
    private static void nextAddresses(Memory memory) {
        memory.input[6]++;
        compressInto(memory.zero, memory.input, memory.address, memory);
        compressInto(memory.zero, memory.address, memory.address, memory);
    }

    /** G(mem[x], mem[y]) written to (v1.3: XORed into, after the first pass) mem[target]. */
    private static void compress(Memory memory, int x, int y, int target, boolean xorInto) {
        long[] mem = memory.words;
        long[] r = memory.r;
        long[] q = memory.q;
        for (int w = 0; w < BLOCK_LONGS; w++) {
            r[w] = mem[x + w] ^ mem[y + w];
        }
        System.arraycopy(r, 0, q, 0, BLOCK_LONGS);
        permute(q);
        if (xorInto) {
            for (int w = 0; w < BLOCK_LONGS; w++) {
                mem[target + w] ^= q[w] ^ r[w];
            }
        } else {
            for (int w = 0; w < BLOCK_LONGS; w++) {
                mem[target + w] = q[w] ^ r[w];
            }
        }
    }

    private static void compressInto(long[] x, long[] y, long[] out, Memory memory) {
        long[] r = memory.r;
        long[] q = memory.q;
        for (int w = 0; w < BLOCK_LONGS; w++) {
            r[w] = x[w] ^ y[w];
        }
        System.arraycopy(r, 0, q, 0, BLOCK_LONGS);
        permute(q);
        for (int w = 0; w < BLOCK_LONGS; w++) {
            out[w] = q[w] ^ r[w];
        }
    }

    /** The permutation P on the 8 rows of 16 words, then on the 8 columns of 2 × 8 words. */
    private static void permute(long[] v) {
        for (int row = 0; row < 8; row++) {
            int b = row * 16;
            round(v, b, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7, b + 8, b + 9, b + 10, b + 11, b + 12, b + 13, b + 14, b + 15);
        }
        for (int col = 0; col < 8; col++) {
            int b = col * 2;
            round(v, b, b + 1, b + 16, b + 17, b + 32, b + 33, b + 48, b + 49, b + 64, b + 65, b + 80, b + 81, b + 96, b + 97, b + 112,
                    b + 113);
        }
    }

    private static void round(long[] v, int v0, int v1, int v2, int v3, int v4, int v5, int v6, int v7, int v8, int v9, int v10,
            int v11, int v12, int v13, int v14, int v15) {
        mix(v, v0, v4, v8, v12);
        mix(v, v1, v5, v9, v13);
        mix(v, v2, v6, v10, v14);
        mix(v, v3, v7, v11, v15);
        mix(v, v0, v5, v10, v15);
        mix(v, v1, v6, v11, v12);
        mix(v, v2, v7, v8, v13);
        mix(v, v3, v4, v9, v14);
    }

    /** BlaMka's GB: BLAKE2b's G with the multiplications of the low halves. */
    private static void mix(long[] v, int a, int b, int c, int d) {
        long va = v[a];
        long vb = v[b];
        long vc = v[c];
        long vd = v[d];
        va = va + vb + 2 * (va & 0xFFFFFFFFL) * (vb & 0xFFFFFFFFL);
        vd = Long.rotateRight(vd ^ va, 32);
        vc = vc + vd + 2 * (vc & 0xFFFFFFFFL) * (vd & 0xFFFFFFFFL);
        vb = Long.rotateRight(vb ^ vc, 24);
        va = va + vb + 2 * (va & 0xFFFFFFFFL) * (vb & 0xFFFFFFFFL);
        vd = Long.rotateRight(vd ^ va, 16);
        vc = vc + vd + 2 * (vc & 0xFFFFFFFFL) * (vd & 0xFFFFFFFFL);
        vb = Long.rotateRight(vb ^ vc, 63);
        v[a] = va;
        v[b] = vb;
        v[c] = vc;
        v[d] = vd;
    }

    /** H0 (RFC 9106 3.2 step 1); no associated data. */
    private static byte[] initialHash(byte[] password, byte[] salt, byte[] secret, int memoryKib, int iterations, int lanes,
            int length) {
        Blake2bDigest digest = new Blake2bDigest(512);
        int[] header = { lanes, length, memoryKib, iterations, VERSION, TYPE_ID };
        byte[] four = new byte[4];
        for (int value : header) {
            update(digest, four, value);
        }
        update(digest, four, password.length);
        digest.update(password, 0, password.length);
        update(digest, four, salt.length);
        digest.update(salt, 0, salt.length);
        update(digest, four, secret.length);
        digest.update(secret, 0, secret.length);
        update(digest, four, 0);
        byte[] h0 = new byte[64];
        digest.doFinal(h0, 0);
        return h0;
    }

    private static void update(Blake2bDigest digest, byte[] four, int value) {
        le32(four, 0, value);
        digest.update(four, 0, 4);
    }

    /** H' (RFC 9106 3.3): BLAKE2b stretched to {@code out.length} bytes. */
    private static void variableHash(byte[] input, byte[] out) {
        byte[] length = new byte[4];
        le32(length, 0, out.length);
        if (out.length <= 64) {
            Blake2bDigest digest = new Blake2bDigest(out.length * 8);
            digest.update(length, 0, 4);
            digest.update(input, 0, input.length);
            digest.doFinal(out, 0);
            return;
        }
        Blake2bDigest digest = new Blake2bDigest(512);
        byte[] v = new byte[64];
        digest.update(length, 0, 4);
        digest.update(input, 0, input.length);
        digest.doFinal(v, 0);
        System.arraycopy(v, 0, out, 0, 32);
        int position = 32;
        int r = (out.length + 31) / 32 - 2;
        for (int i = 2; i <= r; i++) {
            digest.update(v, 0, 64);
            digest.doFinal(v, 0);
            System.arraycopy(v, 0, out, position, 32);
            position += 32;
        }
        int lastLength = out.length - 32 * r;
        Blake2bDigest lastDigest = new Blake2bDigest(lastLength * 8);
        byte[] last = new byte[lastLength];
        lastDigest.update(v, 0, 64);
        lastDigest.doFinal(last, 0);
        System.arraycopy(last, 0, out, position, lastLength);
    }

    private static void le32(byte[] b, int offset, int value) {
        b[offset] = (byte) value;
        b[offset + 1] = (byte) (value >>> 8);
        b[offset + 2] = (byte) (value >>> 16);
        b[offset + 3] = (byte) (value >>> 24);
    }

    private static long le64(byte[] b, int offset) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (b[offset + i] & 0xFFL);
        }
        return value;
    }

    private static void le64(byte[] b, int offset, long value) {
        for (int i = 0; i < 8; i++) {
            b[offset + i] = (byte) (value >>> (8 * i));
        }
    }
}

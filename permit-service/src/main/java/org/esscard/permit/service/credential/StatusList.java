package org.esscard.permit.service.credential;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A Token Status List of one bit per permit (draft-ietf-oauth-status-list §4): bit {@code i} is bit {@code i % 8},
 * counted from the least significant, of byte {@code i / 8}; 1 means INVALID (the permit was cancelled or has
 * expired), 0 VALID. On the wire it is ZLIB (RFC 1950) compressed and base64url encoded without padding, the
 * {@code lst} member. Lists of ours are of a fixed size, mostly zeros, so they compress to a few hundred bytes.
 */
public final class StatusList {

    /** The most a received list may inflate to: a list of 16 million permits; anything larger is refused. */
    static final int MAX_BYTES = 2 * 1024 * 1024;

    private final byte[] bits;

    private StatusList(byte[] bits) {
        this.bits = bits;
    }

    /** An all-valid list of {@code size} entries (a multiple of 8). */
    public static StatusList ofSize(int size) {
        if (size <= 0 || size % 8 != 0 || size / 8 > MAX_BYTES) {
            throw new IllegalArgumentException("status list size must be a positive multiple of 8 up to "
                    + MAX_BYTES * 8L + ": " + size);
        }
        return new StatusList(new byte[size / 8]);
    }

    public int size() {
        return bits.length * 8;
    }

    /** Marks entry {@code i} INVALID. */
    public void invalidate(int i) {
        bits[i >>> 3] |= (byte) (1 << (i & 7));
    }

    /** Whether entry {@code i} is INVALID; {@code i} must be below {@link #size()}. */
    public boolean isInvalid(long i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException("index " + i + " outside a list of " + size());
        }
        return (bits[(int) (i >>> 3)] & (1 << (i & 7))) != 0;
    }

    /** The {@code lst} member: ZLIB at the best compression, base64url without padding. */
    public String encoded() {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(bits);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
        } finally {
            deflater.end();
        }
    }

    /**
     * Reads an {@code lst} member.
     *
     * @throws IllegalArgumentException if it is not base64url ZLIB data, or inflates past {@link #MAX_BYTES}
     */
    public static StatusList decode(String lst) {
        byte[] compressed = Base64.getUrlDecoder().decode(lst);
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            byte[] out = new byte[Math.min(MAX_BYTES, Math.max(1024, compressed.length * 8))];
            int length = 0;
            while (!inflater.finished()) {
                if (length == out.length) {
                    if (out.length == MAX_BYTES) {
                        throw new IllegalArgumentException("status list inflates past " + MAX_BYTES + " bytes");
                    }
                    out = Arrays.copyOf(out, Math.min(MAX_BYTES, out.length * 2));
                }
                int n = inflater.inflate(out, length, out.length - length);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("status list is truncated ZLIB data");
                }
                length += n;
            }
            if (length == 0) {
                throw new IllegalArgumentException("status list is empty");
            }
            return new StatusList(Arrays.copyOf(out, length));
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("status list is not ZLIB data");
        } finally {
            inflater.end();
        }
    }
}

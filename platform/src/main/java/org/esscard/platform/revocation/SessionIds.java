package org.esscard.platform.revocation;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Session ids ({@code sid} claim): UUID version 7, whose first 48 bits are the millisecond the session started. A
 * revocation of all of a subject's sessions "started before T" is then exact to the millisecond, though {@code iat}
 * has whole seconds only: a login a moment after a password change is not caught by it, one a moment before is.
 */
public final class SessionIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {
    }

    /** A new session id, started now by {@code clock}. */
    public static UUID next(Clock clock) {
        return startedAt(clock.millis());
    }

    /** A new session id that says it started at {@code millis} (epoch milliseconds). */
    public static UUID startedAt(long millis) {
        long randomHigh = RANDOM.nextLong();
        long randomLow = RANDOM.nextLong();
        long most = (millis << 16) | 0x7000L | (randomHigh & 0x0FFFL);
        long least = (randomLow & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(most, least);
    }

    /** When the session {@code sid} started, or {@code null} if it is not a version 7 UUID (a token of another kind). */
    public static Instant startedAt(String sid) {
        if (sid == null || sid.length() != 36) {
            return null;
        }
        try {
            UUID id = UUID.fromString(sid);
            return id.version() == 7 ? Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

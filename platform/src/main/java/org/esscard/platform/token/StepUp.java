package org.esscard.platform.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.microprofile.jwt.JsonWebToken;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;

/**
 * Whether a holder's token is a fresh PIN step-up (R15, DESIGN §4): {@code amr} names {@code pin}, and {@code pin_at}
 * lies within {@code maxAge} before now (a minute of clock skew ahead allowed). What the permit services and the copy
 * of one's data (issue 18) require.
 */
public final class StepUp {

    private StepUp() {
    }

    public static boolean fresh(JsonWebToken jwt, Instant now, Duration maxAge) {
        long pinAt = epochSeconds(jwt.getClaim("pin_at"));
        Instant steppedUp = Instant.ofEpochSecond(pinAt);
        boolean recent = pinAt > 0 && !steppedUp.isAfter(now.plusSeconds(60)) && !steppedUp.plus(maxAge).isBefore(now);
        return recent && methods(jwt.getClaim("amr")).contains("pin");
    }

    /** The token's {@code amr}: SmallRye hands custom array claims over as JSON values. */
    private static Set<String> methods(Object amr) {
        if (amr instanceof JsonArray array) {
            return array.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).collect(Collectors.toSet());
        }
        if (amr instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).collect(Collectors.toSet());
        }
        return Set.of();
    }

    private static long epochSeconds(Object value) {
        if (value instanceof JsonNumber number) {
            return number.longValue();
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        return 0;
    }
}

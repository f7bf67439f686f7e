package org.esscard.account.service.login;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Refused logins and lockouts as the operators' alerts see them (docs/OPERATIONS.md): {@code
 * esscard_login_failures_total{kind, reason}} and {@code esscard_login_lockouts_total{kind}}. The tags are closed sets,
 * never an account, an identifier or an address, so the series stay few and say nothing of whom they count. Every
 * series exists from the start at 0, so an alert's {@code increase()} sees the first one.
 */
@ApplicationScoped
public class LoginMetrics {

    /** Whose login: a holder's (permit or social security number) or a staff account's. */
    public enum Kind {
        HOLDER, STAFF
    }

    /** Why a login was refused. Every one of them but the throttle answers the same 401 or 429 to the client. */
    public enum Reason {
        /** a check ran and the password was not the account's */
        WRONG_PASSWORD,
        /** no account has the identifier (or a staff account is disabled): the decoy check ran */
        UNKNOWN_ACCOUNT,
        /** the account is locked at the address (holders) or everywhere (staff): no check ran */
        LOCKED,
        /** the account-wide slow-down made the address wait (429 LOGIN_DELAYED) */
        SLOWED_DOWN,
        /** the client address was over its limit of failures (429 TOO_MANY_ATTEMPTS) */
        ADDRESS_THROTTLED
    }

    private final Map<Kind, Map<Reason, Counter>> failures = new EnumMap<>(Kind.class);
    private final Map<Kind, Counter> lockouts = new EnumMap<>(Kind.class);

    public LoginMetrics(MeterRegistry registry) {
        for (Kind kind : Kind.values()) {
            Map<Reason, Counter> byReason = new EnumMap<>(Reason.class);
            for (Reason reason : Reason.values()) {
                byReason.put(reason, Counter.builder("esscard.login.failures").tag("kind", tag(kind)).tag("reason", tag(reason))
                        .description("Logins refused, by whose login and why").register(registry));
            }
            failures.put(kind, byReason);
            lockouts.put(kind, Counter.builder("esscard.login.lockouts").tag("kind", tag(kind))
                    .description("Lockouts begun: a streak of wrong passwords reached esscard.login.failures-before-lockout")
                    .register(registry));
        }
    }

    /** Counts one refused login. */
    public void failed(Kind kind, Reason reason) {
        failures.get(kind).get(reason).increment();
    }

    /** Counts one lockout begun. */
    public void lockedOut(Kind kind) {
        lockouts.get(kind).increment();
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}

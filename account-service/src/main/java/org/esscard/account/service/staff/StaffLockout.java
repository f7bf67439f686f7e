package org.esscard.account.service.staff;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.esscard.account.config.LoginConfig;
import org.esscard.account.repository.StaffAccount;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The per-account lockout of staff passwords (issue 13, item 3): the same schedule as holders' (5 wrong in a row lock
 * 1 min, then 5, 15, 60; a day without failures forgets; {@code esscard.login.*}), counted per staff account whatever
 * address the guesses come from. Each check is reserved under the account's row lock before the hash, so parallel
 * guesses get no more tries than a sequence; a reservation that is never settled (client gone mid-hash, pod killed)
 * stops counting after the hash timeout, so cut requests cannot lock anyone out.
 */
@ApplicationScoped
public class StaffLockout {

    private final LoginConfig config;
    private final Clock clock;

    public StaffLockout(LoginConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Whether a check of {@code username}'s password may run now; if so it is reserved (counted). */
    public Uni<Boolean> reserve(String username) {
        return Panache.withTransaction(() -> StaffAccount.lock(username).map(staff -> {
            if (staff == null) {
                return false;
            }
            OffsetDateTime now = now();
            forgetStale(staff, now);
            if (staff.lockedUntil != null && staff.lockedUntil.isAfter(now)) {
                return false;
            }
            if (staff.failures + staff.reserved >= config.failuresBeforeLockout()) {
                // the remaining tries of this streak are all under way right now
                return false;
            }
            staff.reserved++;
            staff.reservedUntil = now.plus(config.attemptTimeout());
            return true;
        }));
    }

    /**
     * Settles a reserved check: a right password starts the schedule over, a wrong one counts and may lock. Whether this
     * one began a lockout, once committed.
     */
    public Uni<Boolean> settle(String username, boolean right) {
        return Panache.withTransaction(() -> StaffAccount.lock(username).map(staff -> {
            if (staff == null) {
                return false;
            }
            OffsetDateTime now = now();
            staff.reserved = Math.max(0, staff.reserved - 1);
            if (staff.reserved == 0) {
                staff.reservedUntil = null;
            }
            if (right) {
                clear(staff);
                return false;
            }
            staff.failures++;
            staff.lastFailureAt = now;
            if (staff.failures >= config.failuresBeforeLockout()) {
                List<Duration> schedule = config.lockouts();
                Duration lockout = schedule.get(Math.min(staff.lockouts, schedule.size() - 1));
                staff.lockouts++;
                staff.failures = 0;
                staff.lockedUntil = now.plus(lockout);
                Log.warnf("staff account %s locked for %s after %d wrong passwords in a row (lockout %d)", username, lockout,
                        config.failuresBeforeLockout(), staff.lockouts);
                return true;
            }
            return false;
        }));
    }

    /** Gives a reserved check back uncounted: its hash never ran (no slot free in time, a database error). */
    public Uni<Void> release(String username) {
        return Panache.withTransaction(() -> StaffAccount.lock(username).invoke(staff -> {
            if (staff != null) {
                staff.reserved = Math.max(0, staff.reserved - 1);
            }
        })).replaceWithVoid();
    }

    static void clear(StaffAccount staff) {
        staff.failures = 0;
        staff.lockouts = 0;
        staff.lockedUntil = null;
        staff.lastFailureAt = null;
    }

    private void forgetStale(StaffAccount staff, OffsetDateTime now) {
        if (staff.reservedUntil != null && !staff.reservedUntil.isAfter(now)) {
            staff.reserved = 0;
            staff.reservedUntil = null;
        }
        if (staff.lastFailureAt != null && staff.lastFailureAt.plus(config.lockoutMemory()).isBefore(now)) {
            clear(staff);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}

package org.esscard.account.service.login;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.esscard.account.config.LoginConfig;
import org.esscard.account.repository.AddressThrottle;
import org.esscard.account.service.AccountError;
import org.esscard.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Failures counted per client address in a fixed window (login, and the name checks an attacker could use to
 * find who holds a permit). Past the limit the address is refused with {@code TOO_MANY_ATTEMPTS} and
 * {@code retryAfterSeconds} until its window ends; the refusal does not depend on any account, so it reveals
 * none. The limit is high because many phones share one address behind carrier-grade NAT.
 */
@ApplicationScoped
public class AddressThrottling {

    private final LoginConfig config;
    private final Clock clock;

    public AddressThrottling(LoginConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Fails with {@code TOO_MANY_ATTEMPTS} while {@code address} is over its limit. */
    public Uni<Void> check(String address) {
        return Panache.withSession(() -> AddressThrottle.<AddressThrottle>findById(address)).map(throttle -> {
            if (throttle == null || throttle.failures < config.addressMaxFailures()) {
                return null;
            }
            OffsetDateTime now = now();
            OffsetDateTime windowEnds = throttle.windowStartedAt.plus(config.addressWindow());
            if (!windowEnds.isAfter(now)) {
                return null;
            }
            long retryAfter = Math.max(1, Duration.between(now, windowEnds).toSeconds() + 1);
            throw new ProblemException(AccountError.TOO_MANY_ATTEMPTS, retryAfter).with("retryAfterSeconds", retryAfter);
        });
    }

    /** Counts a failure from {@code address}. */
    public Uni<Void> fail(String address) {
        OffsetDateTime now = now();
        return Panache.withTransaction(() -> AddressThrottle.countFailure(address, now, now.minus(config.addressWindow())))
                .onFailure().invoke(e -> Log.warnf("could not count a failure of %s: %s", address, e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Runs {@code attempt}; a failure of it with one of {@code counted} also counts against {@code address}. */
    public <T> Uni<T> counting(String address, Uni<T> attempt, AccountError... counted) {
        return attempt.onFailure(e -> e instanceof ProblemException p && java.util.Arrays.asList(counted).contains(p.code()))
                .call(e -> fail(address));
    }

    /** Forgets addresses whose window ended long ago. */
    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeStale() {
        OffsetDateTime before = now().minus(config.addressWindow()).minusHours(1);
        return Panache.withTransaction(() -> AddressThrottle.delete("windowStartedAt < ?1", before)).replaceWithVoid();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}

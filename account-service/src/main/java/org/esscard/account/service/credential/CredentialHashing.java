package org.esscard.account.service.credential;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.esscard.account.config.LoginConfig;
import org.esscard.account.config.PinConfig;
import org.esscard.account.service.AccountError;
import org.esscard.platform.problem.ProblemException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every Argon2id computation of the service (passwords and PINs), on worker threads, at most one per core at a
 * time: each takes ~19 MiB and a core for tens of milliseconds, so more at once only adds memory and latency.
 * Behind the running ones at most {@code esscard.login.hash-queue} wait (issue 14); a check that finds the queue full
 * is answered 503 {@code BUSY} with {@code Retry-After} at once, before anything of the account is counted, and
 * counted by {@code esscard.login.hash.shed}. A waiting check whose request is gone (client left, login timeout) is
 * skipped when its turn comes. Created at start, so the decoy hash is ready and a missing production pepper is
 * reported at once.
 */
@Startup
@ApplicationScoped
public class CredentialHashing {

    /** What a refused check tells the client to wait: the whole queue drains in well under a second. */
    static final long SHED_RETRY_AFTER_SECONDS = 1;

    private final PasswordHasher hasher;
    private final Vertx vertx;
    private final Semaphore slots;
    private final int concurrency;
    private final int queue;
    /** Checks running or waiting for a slot: at most {@code concurrency + queue}. */
    private final AtomicInteger admitted = new AtomicInteger();
    private final Counter shed;
    private final byte[] pinPepper;
    private final String decoyHash;

    public CredentialHashing(PasswordHasher hasher, Vertx vertx, LoginConfig login, PinConfig pin, MeterRegistry registry) {
        this.hasher = hasher;
        this.vertx = vertx;
        int cores = Runtime.getRuntime().availableProcessors();
        this.concurrency = login.hashConcurrency() > 0 ? login.hashConcurrency() : cores;
        this.queue = login.hashQueue() >= 0 ? login.hashQueue() : Math.max(8, 4 * cores);
        this.slots = new Semaphore(concurrency, true);
        this.shed = Counter.builder("esscard.login.hash.shed")
                .description("Password and PIN checks refused at once (503 BUSY) because the Argon2id queue was full")
                .register(registry);
        Gauge.builder("esscard.login.hash.waiting", this, CredentialHashing::waiting)
                .description("Password and PIN checks admitted and waiting for an Argon2id slot").register(registry);
        this.pinPepper = pin.pepper().getBytes(StandardCharsets.UTF_8);
        if (pin.pepper().startsWith("local-run-pepper")) {
            Log.warn("esscard.pin.pepper is the built-in local value: set ESSCARD_PIN_PEPPER from a Secret in production");
        }
        // checked instead of a real hash when there is no account, so timing does not tell who exists
        this.decoyHash = hasher.hash(UUID.randomUUID().toString());
        Log.infof("Argon2id (m=%d KiB, t=%d, p=%d): at most %d at a time, %d waiting", PasswordHasher.MEMORY_KIB,
                PasswordHasher.ITERATIONS, PasswordHasher.PARALLELISM, concurrency, queue);
    }

    /**
     * A place in the hash queue, taken before a check's transaction (so a full queue refuses the check before its
     * reservation or any count) and used by its one hash; given back if the check ends without hashing.
     */
    public final class Place {
        private final AtomicBoolean unused = new AtomicBoolean(true);

        private Place() {
        }

        public Uni<Boolean> verifyPassword(String password, String encoded) {
            String normalized = PasswordPolicy.normalize(password);
            return use(() -> hasher.verify(normalized, encoded));
        }

        /** Spends the time of a password check and answers {@code false}: for an unknown or locked account. */
        public Uni<Boolean> decoy(String password) {
            return use(() -> hasher.verify(password, decoyHash) && false);
        }

        private Uni<Boolean> use(Callable<Boolean> work) {
            // a second hash of the same check queues like any other
            return unused.compareAndSet(true, false) ? submit(work) : run(work);
        }

        private void giveBack() {
            if (unused.compareAndSet(true, false)) {
                admitted.decrementAndGet();
            }
        }
    }

    /**
     * Runs {@code check} with a place in the queue, or fails at once with 503 {@code BUSY} (nothing of
     * {@code check} run) when the queue is full.
     */
    public <T> Uni<T> withPlace(Function<Place, Uni<T>> check) {
        return Uni.createFrom().deferred(() -> {
            if (!admit()) {
                return Uni.createFrom().failure(busy());
            }
            Place place = new Place();
            return check.apply(place).onTermination().invoke(place::giveBack);
        });
    }

    public Uni<String> hashPassword(String password) {
        String normalized = PasswordPolicy.normalize(password);
        return run(() -> hasher.hash(normalized));
    }

    public Uni<Boolean> verifyPassword(String password, String encoded) {
        String normalized = PasswordPolicy.normalize(password);
        return run(() -> hasher.verify(normalized, encoded));
    }

    /** Spends the time of a password check and answers {@code false}: for an unknown or locked account. */
    public Uni<Boolean> decoy(String password) {
        return run(() -> hasher.verify(password, decoyHash) && false);
    }

    public Uni<String> hashPin(String pin) {
        return run(() -> hasher.hash(pin, pinPepper));
    }

    public Uni<Boolean> verifyPin(String pin, String encoded) {
        return run(() -> hasher.verify(pin, encoded, pinPepper));
    }

    /** Slots free now; for tests and metrics. */
    public int available() {
        return slots.availablePermits();
    }

    /** Checks admitted and waiting for a slot now. */
    public int waiting() {
        return Math.max(0, admitted.get() - concurrency);
    }

    /** How many may wait behind the running ones before the next is refused. */
    public int queueLimit() {
        return queue;
    }

    /** Checks refused because the queue was full, since start. */
    public double shedCount() {
        return shed.count();
    }

    private boolean admit() {
        int limit = concurrency + queue;
        while (true) {
            int now = admitted.get();
            if (now >= limit) {
                shed.increment();
                return false;
            }
            if (admitted.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    private static ProblemException busy() {
        return new ProblemException(AccountError.BUSY).with("retryAfterSeconds", SHED_RETRY_AFTER_SECONDS);
    }

    /** Admits {@code work} (or refuses it at once) and runs it. */
    private <T> Uni<T> run(Callable<T> work) {
        return Uni.createFrom().deferred(() -> admit() ? submit(work) : Uni.createFrom().failure(busy()));
    }

    /**
     * Runs admitted {@code work} on a worker thread once a slot is free; the admission is given back when it ends.
     * The result comes back on the caller's Vert.x context ({@code executeBlocking}), where its transaction continues.
     */
    private <T> Uni<T> submit(Callable<T> work) {
        AtomicBoolean gone = new AtomicBoolean();
        return vertx.executeBlocking(() -> {
            try {
                // waiting here is bounded: at most `queue` worker threads, each for a few hashes' time
                slots.acquireUninterruptibly();
                try {
                    if (gone.get()) {
                        throw new CancellationException("the check's request is gone");
                    }
                    return work.call();
                } finally {
                    slots.release();
                }
            } finally {
                admitted.decrementAndGet();
            }
        }, false).onCancellation().invoke(() -> gone.set(true));
    }
}

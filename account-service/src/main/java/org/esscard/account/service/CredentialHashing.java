package org.esscard.account.service;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.esscard.account.config.LoginConfig;
import org.esscard.account.config.PinConfig;
import org.esscard.account.rest.AccountError;
import org.esscard.platform.problem.ProblemException;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every Argon2id computation of the service (passwords and PINs), on worker threads, at most one per core at a
 * time: each takes ~19 MiB and a core for tens of milliseconds, so more at once only adds memory and latency. A
 * request that finds no free slot within the queue timeout is answered 503 {@code BUSY} rather than piling up.
 * Created at start, so the decoy hash is ready and a missing production pepper is reported at once.
 */
@Startup
@ApplicationScoped
public class CredentialHashing {

    private final PasswordHasher hasher;
    private final Vertx vertx;
    private final Semaphore slots;
    private final long queueTimeoutMillis;
    private final byte[] pinPepper;
    private final String decoyHash;

    public CredentialHashing(PasswordHasher hasher, Vertx vertx, LoginConfig login, PinConfig pin) {
        this.hasher = hasher;
        this.vertx = vertx;
        int concurrency = login.hashConcurrency() > 0 ? login.hashConcurrency() : Runtime.getRuntime().availableProcessors();
        this.slots = new Semaphore(concurrency, true);
        this.queueTimeoutMillis = login.hashQueueTimeout().toMillis();
        this.pinPepper = pin.pepper().getBytes(StandardCharsets.UTF_8);
        if (pin.pepper().startsWith("local-run-pepper")) {
            Log.warn("esscard.pin.pepper is the built-in local value: set ESSCARD_PIN_PEPPER from a Secret in production");
        }
        // checked instead of a real hash when there is no account, so timing does not tell who exists
        this.decoyHash = hasher.hash(UUID.randomUUID().toString());
        Log.infof("Argon2id (m=%d KiB, t=%d, p=%d): at most %d at a time", PasswordHasher.MEMORY_KIB, PasswordHasher.ITERATIONS,
                PasswordHasher.PARALLELISM, concurrency);
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

    private <T> Uni<T> run(Callable<T> work) {
        return vertx.executeBlocking(() -> {
            if (!slots.tryAcquire(queueTimeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new ProblemException(AccountError.BUSY).with("retryAfterSeconds", 5);
            }
            try {
                return work.call();
            } finally {
                slots.release();
            }
        }, false);
    }
}

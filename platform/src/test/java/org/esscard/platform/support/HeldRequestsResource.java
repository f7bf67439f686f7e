package org.esscard.platform.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Requests that stay in flight until the test lets them go, for the admission control tests: each answer waits on the
 * test's latch ({@link #releaseAll()}) without holding a thread, as the services' reactive endpoints wait on the database.
 */
@Path("/api/test/held")
@Produces(MediaType.TEXT_PLAIN)
public class HeldRequestsResource {

    private static final List<UniEmitter<? super String>> WAITING = new CopyOnWriteArrayList<>();
    /** One permit per request that reached the endpoint: the marker a test waits on. */
    private static final Semaphore ARRIVED = new Semaphore(0);

    @GET
    public Uni<String> held() {
        return hold();
    }

    @POST
    public Uni<String> heldWithBody(String body) {
        return hold();
    }

    private static Uni<String> hold() {
        return Uni.createFrom().emitter(emitter -> {
            WAITING.add(emitter);
            emitter.onTermination(() -> WAITING.remove(emitter));
            ARRIVED.release();
        });
    }

    /** Waits until {@code count} more requests have reached the endpoint (and are held there). */
    public static void awaitArrivals(int count) throws InterruptedException {
        if (!ARRIVED.tryAcquire(count, 30, TimeUnit.SECONDS)) {
            throw new AssertionError(count + " held requests did not arrive within 30 s");
        }
    }

    /** Answers every held request. */
    public static void releaseAll() {
        for (UniEmitter<? super String> emitter : WAITING) {
            emitter.complete("released");
        }
    }

    /** Requests held now (a dropped client's is cancelled and leaves). */
    public static int count() {
        return WAITING.size();
    }
}

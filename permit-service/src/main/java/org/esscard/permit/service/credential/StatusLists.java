package org.esscard.permit.service.credential;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.esscard.permit.config.QrConfig;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.PreparedQuery;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The published status lists (issue 16): list {@code n} covers the permits whose status index is in
 * {@code [n * size, (n + 1) * size)}, its bit set for each one that is not ACTIVE. The bits are read from the
 * permits' own status, so a cancellation or an expiry is in the list as soon as its transaction commits; each
 * instance keeps a signed list for {@code refresh} (seconds) before it reads again, far inside the {@code ttl}
 * that officers' devices refresh by.
 */
@ApplicationScoped
public class StatusLists {

    private static final String REVOKED = "select status_index from work_permit"
            + " where status <> 'ACTIVE' and status_index >= $1 and status_index < $2";
    private static final String HIGHEST = "select max(status_index) from work_permit";

    private record Signed(String token, Instant builtAt) {
    }

    /** The highest status index given out, as read at {@code readAt}. */
    private record Highest(long index, Instant readAt) {
    }

    private final PermitCredentials credentials;
    private final QrConfig.StatusLists config;
    private final Clock clock;
    private final Vertx vertx;
    private final PreparedQuery<RowSet<Row>> revoked;
    private final PreparedQuery<RowSet<Row>> highest;
    private final Map<Long, Signed> signed = new ConcurrentHashMap<>();
    private volatile Highest highestRead;

    public StatusLists(PermitCredentials credentials, QrConfig config, Clock clock, Vertx vertx, Pool pool) {
        this.credentials = credentials;
        this.config = config.statusList();
        this.clock = clock;
        this.vertx = vertx;
        this.revoked = pool.preparedQuery(REVOKED);
        this.highest = pool.preparedQuery(HIGHEST);
    }

    /** The signed token of list {@code n}, or null when no permit has an index in it yet. */
    public Uni<String> token(long n) {
        Signed cached = signed.get(n);
        Instant now = clock.instant();
        if (cached != null && fresh(cached.builtAt(), now)) {
            return Uni.createFrom().item(cached.token());
        }
        if (n < 0 || n > Integer.MAX_VALUE) {
            return Uni.createFrom().nullItem();
        }
        long from = n * config.size();
        return exists(from, now).chain(exists -> {
            if (!exists) {
                return Uni.createFrom().nullItem();
            }
            return revoked.execute(Tuple.of(from, from + config.size()))
                    // compressing 128 KiB and an ECDSA signature: a worker's job, not the event loop's
                    .chain(bits -> vertx.executeBlocking(() -> sign(n, from, bits), false));
        });
    }

    /**
     * Whether a permit has an index at or past {@code from}. Indexes only grow, so a yes read within {@code refresh}
     * still holds; a no is read again, so the first permit of a new list finds it at once.
     */
    private Uni<Boolean> exists(long from, Instant now) {
        Highest known = highestRead;
        if (known != null && from <= known.index() && fresh(known.readAt(), now)) {
            return Uni.createFrom().item(true);
        }
        return highest.execute(Tuple.tuple()).map(rows -> {
            Long max = rows.iterator().next().getLong(0);
            if (max != null) {
                highestRead = new Highest(max, now);
            }
            return max != null && from <= max;
        });
    }

    private String sign(long n, long from, RowSet<Row> bits) {
        StatusList list = StatusList.ofSize(config.size());
        for (Row row : bits) {
            list.invalidate((int) (row.getLong(0) - from));
        }
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String token = new StatusListToken(credentials.statusListUri(n), issuedAt,
                issuedAt.plus(config.validity()), config.ttl(), list).sign(credentials.keys());
        signed.put(n, new Signed(token, issuedAt));
        return token;
    }

    /** Read within {@code refresh}; a clock set back (or a test's clock) must not keep a list from the future alive. */
    private boolean fresh(Instant readAt, Instant now) {
        return !now.isBefore(readAt) && now.isBefore(readAt.plus(config.refresh()));
    }

    /** Seconds an HTTP cache may keep a list: what this instance keeps it. */
    public long maxAgeSeconds() {
        return config.refresh().toSeconds();
    }
}

package org.esscard.permit.repository;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.PreparedQuery;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** The audit of online QR verifications (issue 16): one row per check, by the officer who made it. */
@ApplicationScoped
public class VerificationAudit {

    /** One check as support reads it back. */
    public record Entry(String officer, OffsetDateTime verifiedAt, String verdict, String kid, String permitNumber,
            String qrId) {
    }

    private final Clock clock;
    private final PreparedQuery<RowSet<Row>> insert;
    private final PreparedQuery<RowSet<Row>> byOfficer;
    private final PreparedQuery<RowSet<Row>> byPermit;

    public VerificationAudit(Pool pool, Clock clock) {
        this.clock = clock;
        this.insert = pool.preparedQuery("insert into qr_verification (officer, verified_at, verdict, kid, permit_number,"
                + " qr_id) values ($1, $2, $3, $4, $5, $6)");
        this.byOfficer = pool.preparedQuery("select officer, verified_at, verdict, kid, permit_number, qr_id"
                + " from qr_verification where officer = $1 order by id desc limit $2");
        this.byPermit = pool.preparedQuery("select officer, verified_at, verdict, kid, permit_number, qr_id"
                + " from qr_verification where permit_number = $1 order by id desc limit $2");
    }

    public Uni<Void> record(String officer, String verdict, String kid, String permitNumber, String qrId) {
        // Arrays.asList: the key, permit and code id are null for a code that could not be read
        return insert.execute(Tuple.from(Arrays.asList(officer, OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)),
                        verdict, kid, permitNumber, qrId)))
                .replaceWithVoid();
    }

    /** The officer's latest checks, newest first. */
    public Uni<List<Entry>> of(String officer, int limit) {
        return entries(byOfficer, officer, limit);
    }

    /** The latest checks of a permit's QR codes, newest first. */
    public Uni<List<Entry>> ofPermit(String permitNumber, int limit) {
        return entries(byPermit, permitNumber, limit);
    }

    private static Uni<List<Entry>> entries(PreparedQuery<RowSet<Row>> query, String key, int limit) {
        return query.execute(Tuple.of(key, limit)).map(rows -> {
            List<Entry> entries = new ArrayList<>();
            for (Row row : rows) {
                entries.add(new Entry(row.getString(0), row.getOffsetDateTime(1), row.getString(2), row.getString(3),
                        row.getString(4), row.getString(5)));
            }
            return entries;
        });
    }
}

package org.esscard.permit.service.erasure;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.esscard.events.CloudEvent;
import org.esscard.events.permit.ErasureLifted;
import org.esscard.platform.db.NativeSql;
import org.esscard.platform.outbox.Outbox;
import org.esscard.platform.privacy.PrivacyConfig;
import org.esscard.platform.privacy.Pseudonyms;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A permit issued under the number of an erased holder (the authority issues it again): the erasure ledger's entry
 * for that pseudonym is replaced by {@code ErasureLifted}, in the transaction that issues the permit, so the ledger's
 * replay after a restore no longer erases the holder's new data. The erased row stays (it keeps the old QR codes revoked).
 */
@ApplicationScoped
public class ErasureLifts {

    private final Pseudonyms pseudonyms;
    private final Outbox outbox;
    private final PrivacyConfig privacy;
    private final Clock clock;

    public ErasureLifts(Pseudonyms pseudonyms, Outbox outbox, PrivacyConfig privacy, Clock clock) {
        this.pseudonyms = pseudonyms;
        this.outbox = outbox;
        this.privacy = privacy;
        this.clock = clock;
    }

    /** For one permit issued now, on the reactive session. */
    public Uni<Void> issued(String permitNumber) {
        String pseudonym = pseudonyms.of(permitNumber);
        return NativeSql.list("select permit_number from work_permit where permit_number = ?1", String.class, pseudonym)
                .chain(erased -> {
                    if (erased.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    Log.infof("permit issued again under an erased holder's number (%s): the erasure is lifted", pseudonym);
                    return outbox.add(privacy.ledgerTopic(), new ErasureLifted(pseudonym, clock.instant())).replaceWithVoid();
                });
    }

    /** For the permits an import inserts, in its JDBC transaction: one query for the batch. */
    public void issued(Connection connection, Collection<String> permitNumbers) throws SQLException {
        if (permitNumbers.isEmpty()) {
            return;
        }
        String[] keys = permitNumbers.stream().map(pseudonyms::of).toArray(String[]::new);
        List<CloudEvent> lifted = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select permit_number from work_permit where permit_number = any(?)")) {
            Array array = connection.createArrayOf("varchar", keys);
            query.setArray(1, array);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    lifted.add(outbox.event(new ErasureLifted(rows.getString(1), clock.instant())));
                }
            }
        }
        if (!lifted.isEmpty()) {
            Log.infof("%d permits imported under erased holders' numbers: their erasures are lifted", lifted.size());
            outbox.addAll(connection, privacy.ledgerTopic(), lifted);
        }
    }
}

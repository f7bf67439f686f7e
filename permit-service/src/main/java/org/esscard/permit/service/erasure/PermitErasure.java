package org.esscard.permit.service.erasure;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.esscard.platform.db.NativeSql;
import org.esscard.platform.privacy.HolderErasure;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * permit-service's part of an erasure: the permit's row stays under the pseudonym of its number with every personal
 * field emptied (its status keeps the holder's old QR codes revoked, R18), officers' checks keep only the pseudonym,
 * the expiry reminders go.
 */
@ApplicationScoped
public class PermitErasure implements HolderErasure {

    private final Clock clock;

    public PermitErasure(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Uni<Map<String, Integer>> erase(String permitNumber, String pseudonym) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        return NativeSql.update("update work_permit set permit_number = ?1, holder_name = '', passport_number = '', nationality = '',"
                + " employer = null, position = null, work_city = null, cancellation_reason = null, erased_at = ?3"
                + " where permit_number = ?2", pseudonym, permitNumber, OffsetDateTime.now(clock))
                .invoke(n -> rows.put("work_permit", n))
                .chain(() -> NativeSql.update("update qr_verification set permit_number = ?1 where permit_number = ?2", pseudonym, permitNumber))
                .invoke(n -> rows.put("qr_verification", n))
                .chain(() -> NativeSql.update("delete from expiry_reminder where permit_number = ?1", permitNumber))
                .invoke(n -> rows.put("expiry_reminder", n))
                .replaceWith(rows);
    }

    @Override
    public Uni<List<String>> permitNumbers() {
        return NativeSql.list("select permit_number from work_permit where erased_at is null", String.class);
    }
}

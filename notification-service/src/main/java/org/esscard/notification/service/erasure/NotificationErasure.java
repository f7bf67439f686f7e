package org.esscard.notification.service.erasure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.esscard.platform.db.NativeSql;
import org.esscard.platform.privacy.HolderErasure;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * notification-service's part of an erasure (issue 18): the holder's inbox (entries by permit and by account), the
 * deliveries of it (the mobile and account in clear), the recipient and the copy of the permit's state all go; nothing
 * here must stay.
 */
@ApplicationScoped
public class NotificationErasure implements HolderErasure {

    /** The holder's entries: under the permit, or under an account of the holder of the permit (security notices). */
    private static final String ENTRIES = "select id from inbox_entry where permit_number = ?1"
            + " or account_id in (select account_id from recipient where permit_number = ?1)";

    @Override
    public Uni<Map<String, Integer>> erase(String permitNumber, String pseudonym) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        return NativeSql.update("delete from delivery where entry_id in (" + ENTRIES + ")", permitNumber)
                .invoke(n -> rows.put("delivery", n))
                .chain(() -> NativeSql.update("delete from inbox_entry where id in (" + ENTRIES + ")", permitNumber))
                .invoke(n -> rows.put("inbox_entry", n))
                .chain(() -> NativeSql.update("delete from recipient where permit_number = ?1", permitNumber))
                .invoke(n -> rows.put("recipient", n))
                .chain(() -> NativeSql.update("delete from permit_state where permit_number = ?1", permitNumber))
                .invoke(n -> rows.put("permit_state", n))
                .replaceWith(rows);
    }

    @Override
    public Uni<List<String>> permitNumbers() {
        return NativeSql.list("select permit_number from permit_state union select permit_number from recipient"
                + " where permit_number is not null union select permit_number from inbox_entry where permit_number is not null",
                String.class);
    }
}

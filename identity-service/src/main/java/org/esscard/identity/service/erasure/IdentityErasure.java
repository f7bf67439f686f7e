package org.esscard.identity.service.erasure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.esscard.platform.db.NativeSql;
import org.esscard.platform.privacy.HolderErasure;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * identity-service's part of an erasure (issue 18). What stays names no one: the verification sessions and the audit
 * of their attempts keep purpose, method, outcome and times under the pseudonym of the permit number (the name typed,
 * the masked identifiers and vendors' detail go); the R6 face counter stays under the pseudonym too, so an erasure never
 * reopens face ({@code PermitSubjects} takes it back if the authority issues the permit again). The copy of the permit,
 * open SMS codes (the mobile in clear), the send log and vendor reservations of the holder go.
 */
@ApplicationScoped
public class IdentityErasure implements HolderErasure {

    private static final String SESSIONS = "select id from verification_session where permit_number = ?1";

    @Override
    public Uni<Map<String, Integer>> erase(String permitNumber, String pseudonym) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        return NativeSql.update("delete from sms_challenge where session_id in (" + SESSIONS + ")", permitNumber)
                .invoke(n -> rows.put("sms_challenge", n))
                .chain(() -> NativeSql.update("delete from sms_send where session_id in (" + SESSIONS + ")", permitNumber))
                .invoke(n -> rows.put("sms_send", n))
                .chain(() -> NativeSql.update("delete from vendor_attempt where scope = ?1 or scope in (select cast(id as varchar)"
                        + " from verification_session where permit_number = ?1)", permitNumber))
                .invoke(n -> rows.put("vendor_attempt", n))
                .chain(() -> NativeSql.update("update verification_audit set permit_number = ?2, masked_ids = null, detail = null"
                        + " where permit_number = ?1 or session_id in (select cast(id as varchar) from verification_session"
                        + " where permit_number = ?1)", permitNumber, pseudonym))
                .invoke(n -> rows.put("verification_audit", n))
                .chain(() -> NativeSql.update("update verification_session set permit_number = ?2, subject_name = ''"
                        + " where permit_number = ?1", permitNumber, pseudonym))
                .invoke(n -> rows.put("verification_session", n))
                // a counter kept from an earlier erasure gives way to the newer one
                .chain(() -> NativeSql.update("delete from face_attempt_counter where permit_number = ?2"
                        + " and exists (select 1 from face_attempt_counter where permit_number = ?1)", permitNumber, pseudonym))
                .chain(() -> NativeSql.update("update face_attempt_counter set permit_number = ?2 where permit_number = ?1",
                        permitNumber, pseudonym))
                .invoke(n -> rows.put("face_attempt_counter", n))
                .chain(() -> NativeSql.update("delete from permit_subject where permit_number = ?1", permitNumber))
                .invoke(n -> rows.put("permit_subject", n))
                .replaceWith(rows);
    }

    @Override
    public Uni<List<String>> permitNumbers() {
        return NativeSql.list("select permit_number from permit_subject union select permit_number from verification_session"
                + " where permit_number not like '~%' union select permit_number from face_attempt_counter"
                + " where permit_number not like '~%'", String.class);
    }
}

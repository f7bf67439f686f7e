package org.esscard.account.service.erasure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.esscard.account.service.token.SessionRevocations;
import org.esscard.events.account.SessionsRevoked;
import org.esscard.platform.db.NativeSql;
import org.esscard.platform.privacy.HolderErasure;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * account-service's part of an erasure (issue 18): the holder's account goes, with everything hanging from it (PIN,
 * tokens, sessions, login history, copies of their data, the brute-force counters of the account), and its copy of the
 * permit. Every session of the account is revoked first, so a token still held is refused everywhere at once.
 */
@ApplicationScoped
public class AccountErasure implements HolderErasure {

    /** Tables hanging from holder_account, emptied one by one so the report counts each (the cascade would too). */
    private static final List<String> OF_ACCOUNT = List.of("data_copy", "holder_session", "login_record", "refresh_token",
            "service_pin", "credential_attempt", "login_failure", "reset_throttle");

    /**
     * The accounts of the holder of permit ?1: bound to it, binding it, or imported by support for its passport and not
     * bound yet (R13), unless another permit of that passport is still known here (the person is still a holder).
     */
    private static final String OF_HOLDER = "permit_number = ?1 or binding_permit_number = ?1 or (permit_number is null"
            + " and linked_passport_number = (select passport_number from permit_record where permit_number = ?1)"
            + " and not exists (select 1 from permit_record other where other.passport_number = holder_account.linked_passport_number"
            + " and other.permit_number <> ?1))";
    private static final String ACCOUNTS = "select id from holder_account where " + OF_HOLDER;

    private final SessionRevocations revocations;

    public AccountErasure(SessionRevocations revocations) {
        this.revocations = revocations;
    }

    @Override
    public Uni<Map<String, Integer>> erase(String permitNumber, String pseudonym) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        return NativeSql.list(ACCOUNTS + " for update", UUID.class, permitNumber).chain(accounts -> {
                    Uni<Void> each = Uni.createFrom().voidItem();
                    for (UUID account : accounts) {
                        each = each.chain(() -> revocations.revokeAll(account, SessionsRevoked.HOLDER_ERASED));
                    }
                    return each.chain(() -> deleteAccounts(permitNumber, rows));
                })
                .chain(() -> NativeSql.update("delete from permit_record where permit_number = ?1", permitNumber))
                .invoke(n -> rows.put("permit_record", n))
                .replaceWith(rows);
    }

    private static Uni<Void> deleteAccounts(String permitNumber, Map<String, Integer> rows) {
        return Multi.createFrom().iterable(OF_ACCOUNT)
                .onItem().transformToUniAndConcatenate(table -> NativeSql.update("delete from " + table + " where account_id in ("
                        + ACCOUNTS + ")", permitNumber).invoke(n -> rows.put(table, n)))
                .collect().last()
                // the slow-down's subjects (LoginLockout): account:<id>, and the identifiers typed, permit:<number> and ssn:<number>
                .chain(() -> NativeSql.update("delete from login_slowdown where subject = 'permit:' || ?1 or subject in"
                        + " (select 'account:' || cast(id as varchar) from holder_account where " + OF_HOLDER
                        + " union select 'ssn:' || social_security_number from holder_account where (" + OF_HOLDER
                        + ") and social_security_number is not null)", permitNumber))
                .invoke(n -> rows.put("login_slowdown", n))
                .chain(() -> NativeSql.update("delete from holder_account where id in (" + ACCOUNTS + ")", permitNumber))
                .invoke(n -> rows.put("holder_account", n))
                .replaceWithVoid();
    }

    @Override
    public Uni<List<String>> permitNumbers() {
        return NativeSql.list("select permit_number from permit_record union select permit_number from holder_account"
                + " where permit_number is not null union select binding_permit_number from holder_account"
                + " where binding_permit_number is not null", String.class);
    }
}

package org.esscard.notification.repository;

import java.time.ZoneOffset;

import org.esscard.events.account.AccountRegistered;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The consumer's writes of {@code recipient} (where push and SMS reach a holder), in plain SQL on the consumer's
 * session for the reason {@link PermitStates} gives: a polled batch is one transaction that keeps no managed entity.
 */
public final class Recipients {

    private Recipients() {
    }

    /** Why a delivery row was made SKIPPED: the holder had no account yet when the entry was made. */
    public static final String NOT_REGISTERED = "holder has not registered for the eSSCard yet";
    /** Why a delivery row was made SKIPPED: the account had given no mobile number when the entry was made. */
    public static final String NO_MOBILE = "no mobile number on record";

    /**
     * Stores who holds the account and their mobile number; a redelivery rewrites the same row. Then the deliveries that
     * were skipped only because this came late are sent after all: those of entries made since the registration, that
     * is, of events that would have found the holder had account-events and permit-events arrived in the order they
     * happened. An entry made before the registration keeps its skipped rows (the holder was not ours yet then).
     */
    public static Uni<Void> register(AccountRegistered registered) {
        return store(registered).chain(() -> sendSkipped(registered));
    }

    /** The account's recipient row as stored: account id, permit number, mobile, when registered; {@code null} when none. */
    public static Uni<Object[]> of(String accountId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select account_id, permit_number, mobile, cast(registered_at as varchar) from recipient"
                        + " where account_id = :account", Object[].class)
                .setParameter("account", accountId)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    private static Uni<Void> store(AccountRegistered registered) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into recipient (account_id, permit_number, mobile, registered_at)"
                        + " values (:account, :permit, :mobile, :registeredAt) on conflict (account_id) do update"
                        + " set permit_number = excluded.permit_number, mobile = excluded.mobile,"
                        + " registered_at = excluded.registered_at")
                .setParameter("account", registered.accountId())
                .setParameter("permit", registered.permitNumber())
                .setParameter("mobile", registered.mobile())
                .setParameter("registeredAt", registered.registeredAt().atOffset(ZoneOffset.UTC))
                .executeUpdate())
                .replaceWithVoid();
    }

    private static Uni<Void> sendSkipped(AccountRegistered registered) {
        boolean mobile = registered.mobile() != null && !registered.mobile().isBlank();
        return Panache.getSession().chain(session -> {
            var update = session.createNativeQuery("update delivery d set status = 'PENDING', address = case d.channel"
                            + " when 'PUSH' then :account" + (mobile ? " else :mobile" : "") + " end, last_error = null,"
                            + " next_attempt_at = now(), updated_at = now()"
                            + " from inbox_entry e where e.id = d.entry_id and d.status = 'SKIPPED'"
                            + " and d.last_error in (:notRegistered, :noMobile) and e.created_at >= :registeredAt"
                            + " and (e.account_id = :account or (e.account_id is null and e.permit_number = :permit))"
                            + (mobile ? "" : " and d.channel = 'PUSH'"))
                    .setParameter("account", registered.accountId())
                    .setParameter("permit", registered.permitNumber())
                    .setParameter("notRegistered", NOT_REGISTERED)
                    .setParameter("noMobile", NO_MOBILE)
                    .setParameter("registeredAt", registered.registeredAt().atOffset(ZoneOffset.UTC));
            if (mobile) {
                update.setParameter("mobile", registered.mobile());
            }
            return update.executeUpdate();
        }).replaceWithVoid();
    }
}

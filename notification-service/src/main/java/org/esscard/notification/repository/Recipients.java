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

    /** Stores who holds the account and their mobile number; a redelivery rewrites the same row. */
    public static Uni<Void> register(AccountRegistered registered) {
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
}

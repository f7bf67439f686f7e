package org.esscard.account.repository;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A password or PIN check reserved before its hash and not settled yet; one older than the attempt timeout is
 * void, so a check whose settlement never came (client gone, 503, database error, pod killed) stops counting.
 */
@Entity
@Table(name = "credential_attempt")
public class CredentialAttempt extends PanacheEntityBase {

    public static final String PASSWORD = "PASSWORD";
    public static final String PIN = "PIN";

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(nullable = false)
    public String kind;

    /** The client address of a password check; {@code null} for a PIN. */
    @Column(name = "client_address")
    public String clientAddress;

    @Column(name = "reserved_at", nullable = false)
    public OffsetDateTime reservedAt;

    /** Reserved checks of {@code kind} still under way: reserved at or after {@code since}, at {@code address} if given. */
    public static Uni<Long> live(UUID accountId, String kind, String address, OffsetDateTime since) {
        return address == null
                ? count("accountId = ?1 and kind = ?2 and reservedAt >= ?3", accountId, kind, since)
                : count("accountId = ?1 and kind = ?2 and clientAddress = ?3 and reservedAt >= ?4", accountId, kind, address, since);
    }

    /**
     * Deletes the reservation {@code id} with one bulk statement; whether it was still there. Never
     * {@code attempt.delete()}: Hibernate Reactive 3.2's {@code ReactiveDeleteCoordinator} is one per entity type
     * and keeps the delete under way in a field, so two sessions deleting attempts at once (two logins settling)
     * swap futures: one continues on the other's event loop (HR000069, a 500) and the other never completes, its
     * transaction left open with the account's row lock (the login hang of issue 14; hibernate-reactive#1713).
     */
    public static Uni<Boolean> release(UUID id) {
        return delete("id", id).map(deleted -> deleted > 0);
    }
}

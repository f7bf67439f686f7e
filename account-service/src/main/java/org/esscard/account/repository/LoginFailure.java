package org.esscard.account.repository;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * Wrong passwords of one account from one client address: the streak, how many lockouts it caused, until when,
 * and when that address last logged in. Changed only under the account's row lock.
 */
@Entity
@Table(name = "login_failure")
@IdClass(LoginFailure.Key.class)
public class LoginFailure extends PanacheEntityBase {

    /** The pair an entry is for. */
    public static class Key implements Serializable {
        public UUID accountId;
        public String clientAddress;

        public Key() {
        }

        public Key(UUID accountId, String clientAddress) {
            this.accountId = accountId;
            this.clientAddress = clientAddress;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(accountId, k.accountId) && Objects.equals(clientAddress, k.clientAddress);
        }

        @Override
        public int hashCode() {
            return Objects.hash(accountId, clientAddress);
        }
    }

    @Id
    @Column(name = "account_id")
    public UUID accountId;

    @Id
    @Column(name = "client_address")
    public String clientAddress;

    /** Settled wrong passwords in the current streak. */
    @Column(nullable = false)
    public int failures;

    @Column(name = "lockout_level", nullable = false)
    public int lockoutLevel;

    @Column(name = "locked_until")
    public OffsetDateTime lockedUntil;

    @Column(name = "last_failed_at")
    public OffsetDateTime lastFailedAt;

    @Column(name = "last_success_at")
    public OffsetDateTime lastSuccessAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The pair's entry, or {@code null}; the caller holds the account's row lock. */
    public static Uni<LoginFailure> of(UUID accountId, String address) {
        return findById(new Key(accountId, address));
    }
}

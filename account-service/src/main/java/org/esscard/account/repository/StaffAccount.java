package org.esscard.account.repository;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

/** A staff member who logs in with a username: permit authority, exit-entry officer or support. */
@Entity
@Table(name = "staff_account")
public class StaffAccount extends PanacheEntityBase {

    @Id
    public String username;

    @Column(name = "group_name", nullable = false)
    public String group;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** Set while the account is absent from the configuration: it cannot log in. */
    @Column(name = "disabled_at")
    public OffsetDateTime disabledAt;

    /** Wrong passwords of the current streak, settled ({@code StaffLockout}). */
    @Column(nullable = false)
    public int failures;

    /** Checks under way (counted before their hash), until {@link #reservedUntil}. */
    @Column(nullable = false)
    public int reserved;

    @Column(name = "reserved_until")
    public OffsetDateTime reservedUntil;

    /** Lockouts since the schedule last started over. */
    @Column(nullable = false)
    public int lockouts;

    @Column(name = "locked_until")
    public OffsetDateTime lockedUntil;

    @Column(name = "last_failure_at")
    public OffsetDateTime lastFailureAt;

    /** The account under a row lock, for the lockout's read-modify-write. */
    public static Uni<StaffAccount> lock(String username) {
        return findById(username, LockModeType.PESSIMISTIC_WRITE);
    }
}

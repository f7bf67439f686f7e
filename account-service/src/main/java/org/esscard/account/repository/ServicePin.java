package org.esscard.account.repository;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

/** The holder's 6-digit PIN for permit services (R15): peppered Argon2id hash, wrong-attempt count, lock. */
@Entity
@Table(name = "service_pin")
public class ServicePin extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    public UUID accountId;

    @Column(name = "pin_hash", nullable = false)
    public String pinHash;

    /** Settled wrong PINs in the current streak; checks under way are counted in {@link CredentialAttempt}. */
    @Column(nullable = false)
    public int failures;

    /** Set by the last allowed wrong PIN of a streak; the lock ends then, or at once with a PIN reset (face). */
    @Column(name = "locked_until")
    public OffsetDateTime lockedUntil;

    /** How many locks the streaks since the last right PIN caused: picks the next lock's length. */
    @Column(name = "lockout_level", nullable = false)
    public int lockoutLevel;

    @Column(name = "set_at", nullable = false)
    public OffsetDateTime setAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public static Uni<ServicePin> lock(UUID accountId) {
        return findById(accountId, LockModeType.PESSIMISTIC_WRITE);
    }
}

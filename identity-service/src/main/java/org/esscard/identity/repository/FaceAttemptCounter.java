package org.esscard.identity.repository;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A person's consecutive face failures (R6): one row per work permit, read and changed only under its row
 * lock, so concurrent failures are counted one after the other and never past the limit.
 */
@Entity
@Table(name = "face_attempt_counter")
public class FaceAttemptCounter extends PanacheEntityBase {

    @Id
    @Column(name = "permit_number")
    public String permitNumber;

    @Column(name = "consecutive_failures", nullable = false)
    public int consecutiveFailures;

    @Column(name = "last_failure_at")
    public OffsetDateTime lastFailureAt;

    /** When the limit was reached and face closed; {@code null} while face is open. */
    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}

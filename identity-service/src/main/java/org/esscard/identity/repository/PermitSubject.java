package org.esscard.identity.repository;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A work permit's holder as permit-events describe them: whom a verification of that permit must match. */
@Entity
@Table(name = "permit_subject")
public class PermitSubject extends PanacheEntityBase {

    @Id
    @Column(name = "permit_number")
    public String permitNumber;

    /** Exactly as in the passport, symbols and spaces included (R3). */
    @Column(name = "holder_name", nullable = false)
    public String holderName;

    @Column(name = "passport_number", nullable = false)
    public String passportNumber;

    /** The permit's {@code PermitStatus}: ACTIVE, EXPIRED or CANCELLED. */
    @Column(nullable = false)
    public String status;

    @Column(name = "valid_until", nullable = false)
    public LocalDate validUntil;

    /** The permit's version in the snapshot stored; an older snapshot is ignored. */
    @Column(nullable = false)
    public long version;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}

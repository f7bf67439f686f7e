package org.esscard.account.repository;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.esscard.events.permit.PermitStatus;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A work permit as permit-service last announced it on {@code permit-events}: what registration and binding
 * check the name (R3) and validity (R4) against, with no call to permit-service.
 */
@Entity
@Table(name = "permit_record")
public class PermitRecord extends PanacheEntityBase {

    @Id
    @Column(name = "permit_number")
    public String permitNumber;

    /** Exactly as in the passport, symbols and spaces included (R3). */
    @Column(name = "holder_name", nullable = false)
    public String holderName;

    /** The holder's passport number, upper case without spaces (as identity-service compares it, R7). */
    @Column(name = "passport_number")
    public String passportNumber;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PermitStatus status;

    @Column(name = "valid_until", nullable = false)
    public LocalDate validUntil;

    /** The permit's version in permit-service: a snapshot older than this is ignored. */
    @Column(nullable = false)
    public long version;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}

package org.esscard.notification.repository;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The newest permit snapshot this service has seen, to recognise reminders that arrive late. */
@Entity
@Table(name = "permit_state")
public class PermitState extends PanacheEntityBase {

    @Id
    @Column(name = "permit_number")
    public String permitNumber;

    @Column(nullable = false)
    public String status;

    @Column(name = "valid_until", nullable = false)
    public LocalDate validUntil;

    @Column(nullable = false)
    public long version;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}

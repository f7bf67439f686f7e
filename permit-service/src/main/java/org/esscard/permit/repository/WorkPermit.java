package org.esscard.permit.repository;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.esscard.events.permit.PermitStatus;
import org.esscard.events.permit.TalentCategory;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A foreigner's work permit, as the permit authority issued, amended, extended or cancelled it. */
@Entity
@Table(name = "work_permit")
public class WorkPermit extends PanacheEntityBase {

    @Id
    @Column(name = "permit_number")
    public String permitNumber;

    @Column(name = "holder_name", nullable = false)
    public String holderName;

    @Column(name = "passport_number", nullable = false)
    public String passportNumber;

    @Column(nullable = false)
    public String nationality;

    public String employer;

    public String position;

    @Column(name = "work_city")
    public String workCity;

    @Enumerated(EnumType.STRING)
    @Column(name = "talent_category", nullable = false)
    public TalentCategory talentCategory;

    @Column(name = "issue_date", nullable = false)
    public LocalDate issueDate;

    @Column(name = "valid_until", nullable = false)
    public LocalDate validUntil;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PermitStatus status;

    @Column(name = "cancellation_reason")
    public String cancellationReason;

    @Column(name = "cancelled_at")
    public OffsetDateTime cancelledAt;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /**
     * The permit's index in the QR status list (issue 16), given by the database from a sequence when the row is
     * inserted and never changed or reused; read only here. Null on an entity that was persisted in this session.
     */
    @Column(name = "status_index", insertable = false, updatable = false)
    public Long statusIndex;
}

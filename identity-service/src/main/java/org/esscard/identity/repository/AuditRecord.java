package org.esscard.identity.repository;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/** One verification attempt in the append-only audit trail; identifiers only ever masked. */
@Entity
@Immutable
@Table(name = "verification_audit")
public class AuditRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "session_id", nullable = false)
    public String sessionId;

    @Column(name = "permit_number")
    public String permitNumber;

    @Column(nullable = false)
    public String method;

    @Column(nullable = false)
    public String outcome;

    public String detail;

    @Column(name = "masked_ids")
    public String maskedIds;

    @Column(name = "occurred_at", nullable = false)
    public OffsetDateTime occurredAt;
}

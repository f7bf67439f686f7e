package org.esscard.permit.repository;

import java.time.OffsetDateTime;

import org.esscard.events.erasure.ErasureReason;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An erased holder as support sees it: the pseudonym of the permit number, why, when. Names no one. */
@Entity
@Table(name = "erasure")
public class Erasure extends PanacheEntityBase {

    @Id
    public String pseudonym;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ErasureReason reason;

    @Column(name = "erased_at", nullable = false)
    public OffsetDateTime erasedAt;
}

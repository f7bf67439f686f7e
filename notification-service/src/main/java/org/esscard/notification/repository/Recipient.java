package org.esscard.notification.repository;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A registered holder: where push reaches them (their account) and SMS (their mobile, when known). */
@Entity
@Table(name = "recipient")
public class Recipient extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    public String accountId;

    @Column(name = "permit_number")
    public String permitNumber;

    public String mobile;

    @Column(name = "registered_at", nullable = false)
    public OffsetDateTime registeredAt;
}

package org.esscard.account.repository;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A login or a failed attempt on an account, kept 30 days for the holder to check. */
@Entity
@Table(name = "login_record")
public class LoginRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(nullable = false)
    public OffsetDateTime at;

    @Column(nullable = false)
    public boolean succeeded;

    @Column(name = "device_label", nullable = false)
    public String deviceLabel;

    /** Masked: the network, not the host. */
    @Column(name = "client_address")
    public String clientAddress;
}

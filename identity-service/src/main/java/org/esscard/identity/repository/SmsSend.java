package org.esscard.identity.repository;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One SMS code sent, for the send limits per number and per session; the number only as a keyed hash. */
@Entity
@Table(name = "sms_send")
public class SmsSend extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "number_key", nullable = false)
    public String numberKey;

    @Column(name = "session_id", nullable = false)
    public UUID sessionId;

    @Column(name = "sent_at", nullable = false)
    public OffsetDateTime sentAt;
}

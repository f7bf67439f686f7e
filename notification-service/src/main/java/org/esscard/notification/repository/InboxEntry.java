package org.esscard.notification.repository;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.esscard.notification.service.reminder.ReminderKind;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One reminder or notice in a holder's inbox. */
@Entity
@Table(name = "inbox_entry")
public class InboxEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The permit the entry is about; {@code null} for a notice about an account without a permit. */
    @Column(name = "permit_number")
    public String permitNumber;

    /** The account the entry is for, when it is an account's notice (password changed). */
    @Column(name = "account_id")
    public String accountId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReminderKind kind;

    /** The event that caused this entry. */
    @Column(name = "event_id", nullable = false)
    public String eventId;

    /** The template's values as a JSON object. */
    @Column(nullable = false)
    public String params;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "read_at")
    public OffsetDateTime readAt;
}

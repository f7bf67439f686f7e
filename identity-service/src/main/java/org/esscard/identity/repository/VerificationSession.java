package org.esscard.identity.repository;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.esscard.events.identity.api.SessionStatus;
import org.esscard.events.identity.VerificationMethod;
import org.esscard.events.identity.VerificationPurpose;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One verification of one person (a work permit's holder) for one purpose. Changed only under its row lock,
 * so concurrent attempts in one session take turns.
 */
@Entity
@Table(name = "verification_session")
public class VerificationSession extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public VerificationPurpose purpose;

    @Column(name = "permit_number", nullable = false)
    public String permitNumber;

    /** The name the session was opened with; equal to the permit holder's then (R3). */
    @Column(name = "subject_name", nullable = false)
    public String subjectName;

    /** The account acted on, or {@code null} while none exists (registration). */
    @Column(name = "account_id")
    public String accountId;

    /** The token subject of the caller that opened the session. */
    @Column(name = "opened_by", nullable = false)
    public String openedBy;

    /** OPEN or VERIFIED. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SessionStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "verified_method")
    public VerificationMethod verifiedMethod;

    /** Bank-card checks made (passport compared, or the bank asked). */
    @Column(name = "bank_card_checks", nullable = false)
    public int bankCardChecks;

    /** Mobile checks made (the carrier asked). */
    @Column(name = "mobile_checks", nullable = false)
    public int mobileChecks;

    /** A bank-card check failed in this session, which opens mobile (R9). */
    @Column(name = "bank_card_failed", nullable = false)
    public boolean bankCardFailed;

    /** A mobile check failed in this session, which opens bank card (R9). */
    @Column(name = "mobile_failed", nullable = false)
    public boolean mobileFailed;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "expires_at", nullable = false)
    public OffsetDateTime expiresAt;

    @Column(name = "verified_at")
    public OffsetDateTime verifiedAt;
}

package org.esscard.identity.repository;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.esscard.events.identity.VerificationMethod;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The SMS code a session waits for after a bank card or mobile number was confirmed; one per session, a new
 * code replaces the old. The code is kept only as a keyed hash, the card only as its last four digits.
 */
@Entity
@Table(name = "sms_challenge")
public class SmsChallenge extends PanacheEntityBase {

    @Id
    @Column(name = "session_id")
    public UUID sessionId;

    /** BANK_CARD or MOBILE: the method the code completes. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public VerificationMethod method;

    /** Where the code goes, {@code +86} and 11 digits: the bank-reserved number (R7) or the one checked (R8). */
    @Column(nullable = false)
    public String mobile;

    @Column(name = "card_last_four")
    public String cardLastFour;

    @Column(name = "code_hash", nullable = false)
    public String codeHash;

    @Column(name = "wrong_attempts", nullable = false)
    public int wrongAttempts;

    @Column(name = "sent_at", nullable = false)
    public OffsetDateTime sentAt;

    @Column(name = "expires_at", nullable = false)
    public OffsetDateTime expiresAt;
}

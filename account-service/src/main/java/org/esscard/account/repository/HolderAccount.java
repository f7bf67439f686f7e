package org.esscard.account.repository;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

/**
 * A foreigner's eSSCard account: who they are (name as in the passport), how they log in (work permit number
 * or social security number, and password), its card, and the identity sessions it waits for. Changes take a
 * row lock ({@link #lock(UUID)}), never a version check, so a login never fails on a concurrent event.
 */
@Entity
@Table(name = "holder_account")
public class HolderAccount extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "holder_name", nullable = false)
    public String holderName;

    /** The bound work permit (R11, R13); {@code null} for an account registered another way until it binds one. */
    @Column(name = "permit_number")
    public String permitNumber;

    /** The physical social security card's number (R10, R12); {@code null} when the holder has none. */
    @Column(name = "social_security_number")
    public String socialSecurityNumber;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(name = "password_changed_at", nullable = false)
    public OffsetDateTime passwordChangedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AccountStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AccountOrigin origin;

    /** The eSSCard number, issued on activation. */
    @Column(name = "card_number")
    public String cardNumber;

    @Column(name = "activated_at")
    public OffsetDateTime activatedAt;

    @Column(name = "registration_session_id")
    public String registrationSessionId;

    @Column(name = "registration_verified_at")
    public OffsetDateTime registrationVerifiedAt;

    /** The real-name session a physical card holder must also pass (R10); {@code null} for others. */
    @Column(name = "real_name_session_id")
    public String realNameSessionId;

    @Column(name = "real_name_verified_at")
    public OffsetDateTime realNameVerifiedAt;

    @Column(name = "reset_session_id")
    public String resetSessionId;

    @Column(name = "reset_verified_at")
    public OffsetDateTime resetVerifiedAt;

    /** The mobile number the holder proved by SMS code in a verification (bank card or mobile); for SMS reminders. */
    @Column(name = "mobile")
    public String mobile;

    /** The newest PERMIT_BINDING session (R13): only its verification of the permit's subject binds the permit. */
    @Column(name = "binding_session_id")
    public String bindingSessionId;

    /** The permit that session would bind. */
    @Column(name = "binding_permit_number")
    public String bindingPermitNumber;

    @Column(name = "binding_verified_at")
    public OffsetDateTime bindingVerifiedAt;

    /** For an imported account: the passport number of the permit record support's import was matched with. */
    @Column(name = "linked_passport_number")
    public String linkedPassportNumber;

    /** Until when a PENDING_IDENTITY registration waits; after that it is gone and reserves nothing. */
    @Column(name = "pending_until")
    public OffsetDateTime pendingUntil;

    /** SHA-256 of the registration token that alone may read the pending registration. */
    @Column(name = "registration_token_hash")
    public String registrationTokenHash;

    /** Reset sessions opened from unknown addresses recently (the account-wide slow-down) and when the last one was. */
    @Column(name = "reset_sessions_recent", nullable = false)
    public int resetSessionsRecent;

    @Column(name = "last_reset_session_at")
    public OffsetDateTime lastResetSessionAt;

    @Column(name = "pin_reset_session_id")
    public String pinResetSessionId;

    /** When a password reset (face) forgot every login failure of the account, of every address. */
    @Column(name = "lockouts_cleared_at")
    public OffsetDateTime lockoutsClearedAt;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** Whether activation waits for real-name verification too (R10). */
    public boolean needsRealName() {
        return socialSecurityNumber != null && origin == AccountOrigin.REGISTERED;
    }

    /** The account, row-locked until the transaction ends; {@code null} when there is none. */
    public static Uni<HolderAccount> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public static Uni<HolderAccount> byPermit(String permitNumber) {
        return find("permitNumber", permitNumber).firstResult();
    }

    /**
     * The account that may log in with {@code ssn} (R12): an ACTIVE one. A pending registration naming the number
     * reserves nothing and is never found by it.
     */
    public static Uni<HolderAccount> bySocialSecurityNumber(String ssn) {
        return find("socialSecurityNumber = ?1 and status = ?2", ssn, AccountStatus.ACTIVE).firstResult();
    }
}

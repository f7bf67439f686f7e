package org.esscard.account.repository;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One refresh token of a login (its family), stored only as the SHA-256 of the opaque value. Each use rotates
 * it: the token is marked rotated and a new one of the same family issued. A rotated token used again means
 * it was copied, and the whole family is revoked.
 */
@Entity
@Table(name = "refresh_token")
public class RefreshToken extends PanacheEntityBase {

    @Id
    public UUID id;

    /** All tokens descending from one login share it. */
    @Column(name = "family_id", nullable = false)
    public UUID familyId;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    /** Hex SHA-256 of the token: the token has 256 random bits, so no salt or slow hash is needed. */
    @Column(name = "token_hash", nullable = false)
    public String tokenHash;

    @Column(name = "issued_at", nullable = false)
    public OffsetDateTime issuedAt;

    @Column(name = "expires_at", nullable = false)
    public OffsetDateTime expiresAt;

    /** When the family's login happened: no refresh extends a login past its maximum age. */
    @Column(name = "family_started_at", nullable = false)
    public OffsetDateTime familyStartedAt;

    @Column(name = "rotated_at")
    public OffsetDateTime rotatedAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    @Column(name = "revoked_reason")
    public String revokedReason;
}

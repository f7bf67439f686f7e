package org.esscard.account.repository;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A holder's login as the holder sees it: the device and the (masked) address it came from. It is live while a
 * refresh token of its family ({@link RefreshToken#familyId} = {@link #id}) is; its last use is that family's newest token.
 */
@Entity
@Table(name = "holder_session")
public class HolderSession extends PanacheEntityBase {

    /** The session id: the {@code sid} of its tokens, the family of its refresh tokens. */
    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    /** The install id the app sent at login; {@code null} when it sent none. */
    @Column(name = "device_id")
    public String deviceId;

    @Column(name = "device_label", nullable = false)
    public String deviceLabel;

    /** Masked: the network, not the host. */
    @Column(name = "client_address")
    public String clientAddress;

    @Column(name = "started_at", nullable = false)
    public OffsetDateTime startedAt;
}

package org.esscard.account.repository;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Failed attempts from one client address in the current window, shared by every replica. */
@Entity
@Table(name = "address_throttle")
public class AddressThrottle extends PanacheEntityBase {

    @Id
    @Column(name = "client_address")
    public String clientAddress;

    @Column(name = "window_started_at", nullable = false)
    public OffsetDateTime windowStartedAt;

    @Column(nullable = false)
    public int failures;

    /** Counts one failure, in one statement so concurrent failures never lose a count; a stale window starts over. */
    public static Uni<Integer> countFailure(String address, OffsetDateTime now, OffsetDateTime staleBefore) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "insert into address_throttle (client_address, window_started_at, failures) values (:address, :now, 1)"
                        + " on conflict (client_address) do update set"
                        + " failures = case when address_throttle.window_started_at <= :stale then 1 else address_throttle.failures + 1 end,"
                        + " window_started_at = case when address_throttle.window_started_at <= :stale then :now"
                        + " else address_throttle.window_started_at end")
                .setParameter("address", address)
                .setParameter("now", now)
                .setParameter("stale", staleBefore)
                .executeUpdate());
    }
}

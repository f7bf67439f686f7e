package org.esscard.notification.repository;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.esscard.events.permit.PermitSnapshot;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The consumer's reads and writes of {@code permit_state}, in plain SQL on the consumer's session: a polled batch is
 * one transaction, and entities loaded into it would make every flush walk them all (57 % of the consumer's CPU in a
 * 10,000-event burst, docs/BENCHMARKS.md), so the consumer's path keeps no managed entity.
 */
public final class PermitStates {

    private PermitStates() {
    }

    /** What this service knows of a permit; {@code null} when it has seen no event of it. */
    public record Known(String status, LocalDate validUntil, long version) {
    }

    public static Uni<Known> find(String permitNumber) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select status, valid_until, version from permit_state where permit_number = :permit",
                        Object[].class)
                .setParameter("permit", permitNumber)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : known(rows.get(0)));
    }

    private static Known known(Object[] row) {
        return new Known((String) row[0], (LocalDate) row[1], ((Number) row[2]).longValue());
    }

    /**
     * Stores the snapshot unless a newer version is already known (an equal one is stored again); {@code false} when
     * the snapshot is older than what is known. One statement, so two consumers cannot interleave between read and write.
     */
    public static Uni<Boolean> track(PermitSnapshot p, OffsetDateTime now) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into permit_state (permit_number, status, valid_until, version, updated_at)"
                        + " values (:permit, :status, :validUntil, :version, :now)"
                        + " on conflict (permit_number) do update set status = excluded.status,"
                        + " valid_until = excluded.valid_until, version = excluded.version, updated_at = excluded.updated_at"
                        + " where permit_state.version <= excluded.version")
                .setParameter("permit", p.permitNumber())
                .setParameter("status", p.status().name())
                .setParameter("validUntil", p.validUntil())
                .setParameter("version", p.version())
                .setParameter("now", now)
                .executeUpdate())
                .map(written -> written == 1);
    }
}

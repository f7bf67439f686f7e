package org.esscard.account.repository;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

/**
 * The account-wide slow-down of logins from addresses without a recent success, per subject: an account, or an
 * identifier typed for which there is none (so the slow-down tells nobody who has an account).
 */
@Entity
@Table(name = "login_slowdown")
public class LoginSlowdown extends PanacheEntityBase {

    @Id
    public String subject;

    /** Attempts counted since the slow-down last started over (a right password takes its own back). */
    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;

    @Column(name = "last_attempt_at", nullable = false)
    public OffsetDateTime lastAttemptAt;

    /** The subject's entry, created when missing, row-locked until the transaction ends. */
    public static Uni<LoginSlowdown> lock(String subject, OffsetDateTime now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "insert into login_slowdown (subject, attempts, last_attempt_at) values (:subject, 0, :now) on conflict do nothing")
                .setParameter("subject", subject)
                .setParameter("now", now)
                .executeUpdate())
                .chain(() -> LoginSlowdown.<LoginSlowdown>findById(subject, LockModeType.PESSIMISTIC_WRITE));
    }
}

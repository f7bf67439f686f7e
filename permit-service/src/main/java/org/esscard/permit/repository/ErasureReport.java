package org.esscard.permit.repository;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One service's latest report of an erasure: rows per table, as JSON. */
@Entity
@Table(name = "erasure_report")
@IdClass(ErasureReport.Key.class)
public class ErasureReport extends PanacheEntityBase {

    @Id
    public String pseudonym;

    @Id
    public String service;

    /** Table name to rows, a JSON object. */
    @Column(name = "rows_erased", nullable = false)
    public String rowsErased;

    @Column(nullable = false)
    public boolean replay;

    @Column(name = "reported_at", nullable = false)
    public OffsetDateTime reportedAt;

    public static class Key implements Serializable {
        public String pseudonym;
        public String service;

        public Key() {
        }

        public Key(String pseudonym, String service) {
            this.pseudonym = pseudonym;
            this.service = service;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(pseudonym, key.pseudonym) && Objects.equals(service, key.service);
        }

        @Override
        public int hashCode() {
            return Objects.hash(pseudonym, service);
        }
    }
}

package org.esscard.platform.db;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Plain SQL on the current reactive session (so in the caller's transaction), with ordinal parameters {@code ?1},
 * {@code ?2}…: for statements that touch many rows at once, which entities would load one by one.
 */
public final class NativeSql {

    private NativeSql() {
    }

    /** Runs an insert, update or delete; the rows it changed. */
    public static Uni<Integer> update(String sql, Object... parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.executeUpdate();
        });
    }

    /** The rows of a query of one column. */
    public static <T> Uni<List<T>> list(String sql, Class<T> type, Object... parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, type);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.getResultList();
        });
    }
}

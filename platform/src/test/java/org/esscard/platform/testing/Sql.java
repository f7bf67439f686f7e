package org.esscard.platform.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/** One value read from a service's own database, for tests that check what a consumer stored. */
public final class Sql {

    private Sql() {
    }

    /** The first column of the first row as a number (a {@code count(*)}). */
    public static long count(DataSource dataSource, String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, params); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first column of the first row as text; {@code null} when there is no row. */
    public static String string(DataSource dataSource, String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, params); ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * Every table of the database (schema {@code public}) with a row whose text holds one of {@code values}, and how many:
     * the scan issue 18 asks for after an erasure. Each row is read as PostgreSQL writes it out ({@code t::text}), every
     * column included.
     */
    public static java.util.Map<String, Long> rowsContaining(DataSource dataSource, String... values) throws SQLException {
        java.util.Map<String, Long> found = new java.util.TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            java.util.List<String> tables = new java.util.ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select table_name from information_schema.tables"
                    + " where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name"); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                for (String value : values) {
                    try (PreparedStatement s = prepare(c, "select count(*) from \"" + table + "\" t where strpos(t::text, ?) > 0", value);
                            ResultSet rs = s.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            found.merge(table + " (" + value + ")", rs.getLong(1), Long::sum);
                        }
                    }
                }
            }
        }
        return found;
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
        return s;
    }
}

package org.esscard.permit.repository;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.esscard.events.permit.PermitSnapshot;
import org.esscard.events.permit.PermitStatus;
import org.esscard.events.permit.TalentCategory;

/** Reads permits over JDBC, for the bulk paths (expiry scan, import) that bypass the reactive session. */
public final class PermitRows {

    /** The columns {@link #snapshot(ResultSet)} reads, in order. */
    public static final String COLUMNS = "permit_number, holder_name, passport_number, nationality, employer, position,"
            + " work_city, talent_category, issue_date, valid_until, status, version";

    /** How many columns {@link #COLUMNS} names. */
    public static final int COLUMN_COUNT = 12;

    /** {@link #COLUMNS} of the table aliased {@code alias}, e.g. {@code p.permit_number, p.holder_name, ...}. */
    public static String columns(String alias) {
        return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
    }

    private PermitRows() {
    }

    public static PermitSnapshot snapshot(ResultSet rs) throws SQLException {
        return new PermitSnapshot(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), TalentCategory.valueOf(rs.getString(8).trim()),
                rs.getDate(9).toLocalDate(), rs.getDate(10).toLocalDate(), PermitStatus.valueOf(rs.getString(11)),
                rs.getLong(12));
    }
}

package org.esscard.permit.repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

import org.esscard.events.permit.PermitStatus;
import org.esscard.events.permit.TalentCategory;

/** Reads permits over JDBC, for the bulk paths (expiry scan, import) that bypass the reactive session. */
public final class PermitRows {

    /** The columns {@link #permit(ResultSet)} reads, in order. */
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

    /** One row that starts with {@link #COLUMNS}, 0-based, whichever client read it (JDBC, the reactive pg client). */
    interface Columns {
        String text(int column) throws SQLException;

        LocalDate date(int column) throws SQLException;

        long number(int column) throws SQLException;
    }

    /** The permit of a JDBC row selected with {@link #COLUMNS}, as a plain {@link WorkPermit} no session manages. */
    public static WorkPermit permit(ResultSet rs) throws SQLException {
        return permit(new Columns() {
            public String text(int column) throws SQLException {
                return rs.getString(column + 1);
            }

            public LocalDate date(int column) throws SQLException {
                return rs.getDate(column + 1).toLocalDate();
            }

            public long number(int column) throws SQLException {
                return rs.getLong(column + 1);
            }
        });
    }

    /** The permit of the first {@link #COLUMN_COUNT} columns of {@code row}. */
    static WorkPermit permit(Columns row) throws SQLException {
        WorkPermit p = new WorkPermit();
        p.permitNumber = row.text(0);
        p.holderName = row.text(1);
        p.passportNumber = row.text(2);
        p.nationality = row.text(3);
        p.employer = row.text(4);
        p.position = row.text(5);
        p.workCity = row.text(6);
        p.talentCategory = TalentCategory.valueOf(row.text(7).trim());
        p.issueDate = row.date(8);
        p.validUntil = row.date(9);
        p.status = PermitStatus.valueOf(row.text(10));
        p.version = row.number(11);
        return p;
    }
}

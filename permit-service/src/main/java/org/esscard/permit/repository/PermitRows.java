package org.esscard.permit.repository;

import java.sql.ResultSet;
import java.sql.SQLException;

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

    /** The permit of a row selected with {@link #COLUMNS}, as a plain {@link WorkPermit} that no session manages. */
    public static WorkPermit permit(ResultSet rs) throws SQLException {
        WorkPermit p = new WorkPermit();
        p.permitNumber = rs.getString(1);
        p.holderName = rs.getString(2);
        p.passportNumber = rs.getString(3);
        p.nationality = rs.getString(4);
        p.employer = rs.getString(5);
        p.position = rs.getString(6);
        p.workCity = rs.getString(7);
        p.talentCategory = TalentCategory.valueOf(rs.getString(8).trim());
        p.issueDate = rs.getDate(9).toLocalDate();
        p.validUntil = rs.getDate(10).toLocalDate();
        p.status = PermitStatus.valueOf(rs.getString(11));
        p.version = rs.getLong(12);
        return p;
    }
}

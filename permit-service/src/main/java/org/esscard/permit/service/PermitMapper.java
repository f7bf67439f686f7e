package org.esscard.permit.service;

import org.esscard.events.permit.PermitSnapshot;
import org.esscard.permit.repository.WorkPermit;

/** Turns the permit record into the snapshot its events carry to other services. */
public final class PermitMapper {

    private PermitMapper() {
    }

    public static PermitSnapshot snapshot(WorkPermit permit) {
        return new PermitSnapshot(permit.permitNumber, permit.holderName, permit.passportNumber, permit.nationality,
                permit.employer, permit.position, permit.workCity, permit.talentCategory, permit.issueDate,
                permit.validUntil, permit.status, permit.version);
    }
}

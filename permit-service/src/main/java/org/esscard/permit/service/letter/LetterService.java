package org.esscard.permit.service.letter;

import java.time.Clock;

import org.esscard.permit.repository.WorkPermit;
import org.esscard.permit.service.credential.PermitCredentials;
import org.esscard.platform.masking.Mask;

import jakarta.enterprise.context.ApplicationScoped;

/** The holder's Notification Letter (R16, R17): their permit's data, its talent category and a signed QR. */
@ApplicationScoped
public class LetterService {

    private final NotificationLetterRenderer renderer = new NotificationLetterRenderer();
    private final PermitCredentials credentials;
    private final Clock clock;

    public LetterService(PermitCredentials credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /** A one-page PDF; CPU-bound (tens of milliseconds): call it off the event loop. */
    public byte[] render(WorkPermit p) {
        String qr = credentials.forLetter(p).text();
        return renderer.render(new LetterContent(p.permitNumber, p.holderName, p.nationality, Mask.passport(p.passportNumber),
                p.employer, p.position, p.workCity, p.talentCategory, p.issueDate, p.validUntil, qr, clock.instant()));
    }
}

package org.esscard.permit.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

import org.esscard.events.Topics;
import org.esscard.events.permit.PermitIssued;
import org.esscard.events.permit.PermitStatus;
import org.esscard.permit.config.PermitConfig;
import org.esscard.permit.mapping.PermitMapper;
import org.esscard.permit.repository.WorkPermit;
import org.esscard.permit.rest.PermitError;
import org.esscard.platform.masking.Mask;
import org.esscard.platform.outbox.Outbox;
import org.esscard.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The permit authority's operations on work permits; each state change emits its event through the outbox. */
@ApplicationScoped
public class PermitService {

    private final Outbox outbox;
    private final Clock clock;
    private final Pattern numberPattern;
    private final String numberPatternText;

    public PermitService(Outbox outbox, Clock clock, PermitConfig config) {
        this.outbox = outbox;
        this.clock = clock;
        this.numberPatternText = config.numberPattern();
        this.numberPattern = Pattern.compile(config.numberPattern());
    }

    /** Records a newly issued permit (status ACTIVE, issued today unless dated) and emits {@code PermitIssued}. */
    @WithTransaction
    public Uni<WorkPermit> issue(WorkPermit draft) {
        if (!numberPattern.matcher(draft.permitNumber).matches()) {
            throw new ProblemException(PermitError.PERMIT_NUMBER_FORMAT, draft.permitNumber, numberPatternText);
        }
        if (draft.issueDate == null) {
            draft.issueDate = LocalDate.now(clock);
        }
        if (draft.validUntil.isBefore(draft.issueDate)) {
            throw new ProblemException(PermitError.PERMIT_VALIDITY, draft.issueDate, draft.validUntil);
        }
        return WorkPermit.<WorkPermit>findById(draft.permitNumber).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(new ProblemException(PermitError.PERMIT_EXISTS, draft.permitNumber));
            }
            OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
            draft.status = PermitStatus.ACTIVE;
            draft.createdAt = now;
            draft.updatedAt = now;
            return draft.<WorkPermit>persist()
                    .call(WorkPermit::flush)
                    .call(saved -> outbox.add(Topics.PERMIT_EVENTS, new PermitIssued(PermitMapper.snapshot(saved))))
                    .invoke(saved -> Log.infof("permit %s issued (category %s, passport %s, valid until %s)",
                            saved.permitNumber, saved.talentCategory, Mask.passport(saved.passportNumber), saved.validUntil));
        });
    }

    @WithSession
    public Uni<WorkPermit> find(String permitNumber) {
        return WorkPermit.<WorkPermit>findById(permitNumber)
                .onItem().ifNull().failWith(() -> new ProblemException(PermitError.PERMIT_NOT_FOUND, permitNumber));
    }
}

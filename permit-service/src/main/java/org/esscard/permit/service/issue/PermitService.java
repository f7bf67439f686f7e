package org.esscard.permit.service.issue;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

import org.esscard.events.Topics;
import org.esscard.events.permit.PermitCancelled;
import org.esscard.events.permit.PermitDates;
import org.esscard.events.permit.PermitIssued;
import org.esscard.events.permit.PermitStatus;
import org.esscard.events.permit.PermitUpdated;
import org.esscard.permit.config.PermitConfig;
import org.esscard.permit.repository.WorkPermit;
import org.esscard.permit.service.PermitError;
import org.esscard.permit.service.PermitMapper;
import org.esscard.permit.service.credential.PermitValidity;
import org.esscard.platform.masking.Mask;
import org.esscard.permit.service.erasure.ErasureLifts;
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

    private final ErasureLifts erasureLifts;

    public PermitService(Outbox outbox, Clock clock, PermitConfig config, ErasureLifts erasureLifts) {
        this.outbox = outbox;
        this.erasureLifts = erasureLifts;
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
            draft.issueDate = PermitDates.today(clock);
        }
        if (!PermitValidity.isPeriod(draft.issueDate, draft.validUntil)) {
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
                    .call(saved -> erasureLifts.issued(saved.permitNumber))
                    .invoke(saved -> Log.infof("permit %s issued (category %s, passport %s, valid until %s)",
                            saved.permitNumber, saved.talentCategory, Mask.passport(saved.passportNumber), saved.validUntil));
        });
    }

    /** Changes the permit's data (a null field keeps its value) and emits {@code PermitUpdated} AMENDED. */
    @WithTransaction
    public Uni<WorkPermit> amend(String permitNumber, Long expectedVersion, java.util.function.Consumer<WorkPermit> change) {
        return changeable(permitNumber, expectedVersion).chain(permit -> {
            change.accept(permit);
            return saveAndEmit(permit, saved -> new PermitUpdated(PermitMapper.snapshot(saved), PermitUpdated.AMENDED));
        });
    }

    /**
     * Moves valid-until later and emits {@code PermitUpdated} EXTENDED. An expired permit extended past
     * today is active again: a new validity period, with reminders of its own.
     */
    @WithTransaction
    public Uni<WorkPermit> extend(String permitNumber, Long expectedVersion, LocalDate validUntil) {
        return changeable(permitNumber, expectedVersion).chain(permit -> {
            if (!validUntil.isAfter(permit.validUntil)) {
                return Uni.createFrom().failure(new ProblemException(PermitError.PERMIT_VALIDITY, permit.validUntil, validUntil));
            }
            permit.validUntil = validUntil;
            if (permit.status == PermitStatus.EXPIRED && !PermitDates.isOver(validUntil, clock.instant())) {
                permit.status = PermitStatus.ACTIVE;
            }
            return saveAndEmit(permit, saved -> new PermitUpdated(PermitMapper.snapshot(saved), PermitUpdated.EXTENDED));
        });
    }

    /** Cancels the permit for {@code reason} and emits {@code PermitCancelled}; every permit service closes (R20). */
    @WithTransaction
    public Uni<WorkPermit> cancel(String permitNumber, Long expectedVersion, String reason) {
        return changeable(permitNumber, expectedVersion).chain(permit -> {
            OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
            permit.status = PermitStatus.CANCELLED;
            permit.cancellationReason = reason;
            permit.cancelledAt = now;
            return saveAndEmit(permit, saved -> new PermitCancelled(PermitMapper.snapshot(saved), reason, now.toInstant()))
                    .invoke(saved -> Log.infof("permit %s cancelled", saved.permitNumber));
        });
    }

    /** The permit for a change by the authority: it exists, is not cancelled, and is the version the caller read. */
    private Uni<WorkPermit> changeable(String permitNumber, Long expectedVersion) {
        return WorkPermit.<WorkPermit>findById(permitNumber).map(permit -> {
            if (permit == null) {
                throw new ProblemException(PermitError.PERMIT_NOT_FOUND, permitNumber);
            }
            if (permit.status == PermitStatus.CANCELLED) {
                throw new ProblemException(PermitError.PERMIT_CANCELLED, permitNumber);
            }
            if (expectedVersion != null && expectedVersion != permit.version) {
                throw new ProblemException(PermitError.PERMIT_VERSION_CONFLICT, permitNumber, permit.version, expectedVersion);
            }
            return permit;
        });
    }

    private Uni<WorkPermit> saveAndEmit(WorkPermit permit, java.util.function.Function<WorkPermit, org.esscard.events.EventPayload> event) {
        permit.updatedAt = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
        // flush first: the event must carry the version the row now has
        return io.quarkus.hibernate.reactive.panache.Panache.flush()
                .chain(() -> outbox.add(Topics.PERMIT_EVENTS, event.apply(permit)))
                .replaceWith(permit);
    }

    @WithSession
    public Uni<WorkPermit> find(String permitNumber) {
        return WorkPermit.<WorkPermit>findById(permitNumber)
                .onItem().ifNull().failWith(() -> new ProblemException(PermitError.PERMIT_NOT_FOUND, permitNumber));
    }
}

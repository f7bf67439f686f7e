package org.esscard.permit.service.erasure;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.esscard.events.EventJson;
import org.esscard.events.Topics;
import org.esscard.events.erasure.ErasureCarriedOut;
import org.esscard.events.erasure.ErasureReason;
import org.esscard.events.permit.ErasureRecorded;
import org.esscard.events.permit.HolderErased;
import org.esscard.events.permit.PermitDates;
import org.esscard.permit.config.RetentionConfig;
import org.esscard.permit.repository.Erasure;
import org.esscard.permit.repository.ErasureReport;
import org.esscard.permit.service.PermitError;
import org.esscard.permit.service.imports.ImportJobs;
import org.esscard.platform.db.NativeSql;
import org.esscard.platform.outbox.Outbox;
import org.esscard.platform.privacy.Erasures;
import org.esscard.platform.privacy.PrivacyConfig;
import org.esscard.platform.privacy.Pseudonyms;
import org.esscard.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Erasure of holders (issue 18), started here because permit-service knows when a permit stops being in force: the
 * daily retention scan erases the holders of permits that expired or were cancelled longer ago than the retention
 * ({@code esscard.permit.retention.after-end}), and support carries out a holder's verified request for a permit no
 * longer in force. In one transaction: permit-service's own rows ({@link PermitErasure}), {@code HolderErased} on
 * {@code permit-events} for the other services, {@code ErasureRecorded} on the ledger. Rerunnable: asking again for an
 * erased permit sends the event again, and every service reports zeros.
 *
 * <p>A permit in force is not erased on request: the authority's record of a valid permit is kept while it is valid
 * (PIPL Art. 13 (3), a legal duty); support says so (409 {@code ERASURE_NOT_ALLOWED}).
 */
@ApplicationScoped
public class HolderErasures {

    private static final int BATCH = 100;
    private static final TypeReference<Map<String, Integer>> ROWS = new TypeReference<>() {
    };

    private final Erasures erasures;
    private final Pseudonyms pseudonyms;
    private final Outbox outbox;
    private final PrivacyConfig privacy;
    private final RetentionConfig retention;
    private final Clock clock;
    private final ImportJobs imports;
    private final ObjectMapper mapper = EventJson.mapper();

    public HolderErasures(Erasures erasures, Pseudonyms pseudonyms, Outbox outbox, PrivacyConfig privacy, RetentionConfig retention,
            Clock clock, ImportJobs imports) {
        this.imports = imports;
        this.erasures = erasures;
        this.pseudonyms = pseudonyms;
        this.outbox = outbox;
        this.privacy = privacy;
        this.retention = retention;
        this.clock = clock;
    }

    /** Support's request: erases the holder of a permit no longer in force, or sends an erasure again. */
    public Uni<ErasureView> request(String permitNumber) {
        String pseudonym = pseudonyms.of(permitNumber);
        return Panache.withTransaction(() -> status(permitNumber).chain(status -> {
            if (status == null) {
                // erased already: the row is kept under the pseudonym; sending it again lets every service rerun
                return NativeSql.list("select status from work_permit where permit_number = ?1", String.class, pseudonym)
                        .chain(erased -> erased.isEmpty() ? Uni.createFrom().failure(new ProblemException(PermitError.PERMIT_NOT_FOUND, permitNumber))
                                : erase(permitNumber, ErasureReason.REQUEST));
            }
            if ("ACTIVE".equals(status)) {
                return Uni.createFrom().failure(new ProblemException(PermitError.ERASURE_NOT_ALLOWED));
            }
            return erase(permitNumber, ErasureReason.REQUEST);
        })).chain(() -> Panache.withSession(() -> view(pseudonym)));
    }

    /** The status of a permit, its row locked; {@code null} if there is no permit of that number. */
    private static Uni<String> status(String permitNumber) {
        return NativeSql.list("select status from work_permit where permit_number = ?1 for update", String.class, permitNumber)
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** In the current transaction: permit-service's own part, the event to the others, the ledger's entry. */
    private Uni<Void> erase(String permitNumber, ErasureReason reason) {
        Instant now = clock.instant();
        return erasures.carryOut(permitNumber, false).chain(report -> {
            String pseudonym = report.pseudonym();
            return outbox.add(Topics.PERMIT_EVENTS, new HolderErased(permitNumber, pseudonym, reason, now))
                    .chain(() -> outbox.add(privacy.ledgerTopic(), new ErasureRecorded(pseudonym, reason, now)))
                    .chain(() -> record(pseudonym, reason, now))
                    .chain(() -> report(report));
        });
    }

    @Scheduled(identity = "permit-retention-scan", cron = "${esscard.permit.retention.cron:0 30 2 * * ?}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> daily() {
        return scan().invoke(n -> Log.infof("retention scan: %d holders erased (retention %s after a permit ended)", n,
                retention.afterEnd()))
                .chain(() -> Uni.createFrom().item(this::purgeImportReports).runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool()))
                .replaceWithVoid();
    }

    /** The import reports older than {@code esscard.permit.retention.import-reports}. */
    public int purgeImportReports() {
        try {
            return imports.purgeReports(clock.instant().minus(retention.importReports()));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("purging import reports failed", e);
        }
    }

    /** Erases the holders of permits that ended longer ago than the retention; how many. */
    public Uni<Integer> scan() {
        return batch(0);
    }

    private Uni<Integer> batch(int done) {
        if (done >= retention.maxPerScan()) {
            return Uni.createFrom().item(done);
        }
        LocalDate expiredBefore = PermitDates.today(clock).minus(retention.afterEnd());
        OffsetDateTime cancelledBefore = clock.instant().atZone(PermitDates.ZONE).minus(retention.afterEnd()).toOffsetDateTime();
        return Panache.withSession(() -> NativeSql.list("select permit_number from work_permit where erased_at is null"
                        + " and ((status = 'EXPIRED' and valid_until < ?1) or (status = 'CANCELLED' and cancelled_at < ?2))"
                        + " order by valid_until limit ?3", String.class, expiredBefore, cancelledBefore, BATCH))
                .chain(candidates -> candidates.isEmpty() ? Uni.createFrom().item(done)
                        : Multi.createFrom().iterable(candidates)
                                .onItem().transformToUniAndConcatenate(number -> Panache.withTransaction(() -> status(number)
                                        .chain(status -> status == null || "ACTIVE".equals(status) ? Uni.createFrom().item(0)
                                                : erase(number, ErasureReason.RETENTION).replaceWith(1))))
                                .collect().asList()
                                .chain(erased -> batch(done + erased.stream().mapToInt(Integer::intValue).sum())));
    }

    /** The erasure of the holder of {@code permitNumber}, as support sees it. */
    public Uni<ErasureView> find(String permitNumber) {
        return Panache.withSession(() -> view(pseudonyms.of(permitNumber)));
    }

    /** The latest erasures, newest first. */
    public Uni<List<ErasureView>> latest(int limit) {
        // two queries for the page, not two per erasure
        return Panache.withSession(() -> Erasure.<Erasure>find("order by erasedAt desc").page(0, limit).list()
                .chain(found -> found.isEmpty() ? Uni.createFrom().item(List.<ErasureView>of())
                        : ErasureReport.<ErasureReport>list("pseudonym in ?1", found.stream().map(e -> e.pseudonym).toList())
                                .map(reports -> found.stream().map(e -> view(e, reports.stream()
                                        .filter(r -> r.pseudonym.equals(e.pseudonym)).toList())).toList())));
    }

    private Uni<ErasureView> view(String pseudonym) {
        return Erasure.<Erasure>findById(pseudonym).chain(erasure -> erasure == null
                ? Uni.createFrom().failure(new ProblemException(PermitError.ERASURE_NOT_FOUND))
                : ErasureReport.<ErasureReport>list("pseudonym", pseudonym).map(reports -> view(erasure, reports)));
    }

    private ErasureView view(Erasure erasure, List<ErasureReport> reports) {
        List<ErasureView.ServiceReport> services = reports.stream()
                .sorted(Comparator.comparing(r -> r.service))
                .map(r -> new ErasureView.ServiceReport(r.service, rows(r.rowsErased), r.replay, r.reportedAt))
                .toList();
        boolean complete = services.stream().map(ErasureView.ServiceReport::service).toList().containsAll(retention.services());
        return new ErasureView(erasure.pseudonym, erasure.reason, erasure.erasedAt, complete, services);
    }

    /** Keeps (or updates) the ledger's entry where support reads it; also fed by the ledger itself after a restore. */
    public Uni<Void> record(ErasureRecorded entry) {
        return record(entry.pseudonym(), entry.reason(), entry.erasedAt());
    }

    private Uni<Void> record(String pseudonym, ErasureReason reason, Instant at) {
        return NativeSql.update("insert into erasure (pseudonym, reason, erased_at) values (?1, ?2, ?3)"
                + " on conflict (pseudonym) do update set reason = excluded.reason, erased_at = excluded.erased_at",
                pseudonym, reason.name(), at.atOffset(ZoneOffset.UTC)).replaceWithVoid();
    }

    /** Keeps a service's latest report of an erasure. */
    public Uni<Void> report(ErasureCarriedOut report) {
        String rows;
        try {
            rows = mapper.writeValueAsString(report.rows());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        return NativeSql.update("insert into erasure_report (pseudonym, service, rows_erased, replay, reported_at)"
                + " values (?1, ?2, ?3, ?4, ?5) on conflict (pseudonym, service) do update set rows_erased = excluded.rows_erased,"
                + " replay = excluded.replay, reported_at = excluded.reported_at where erasure_report.reported_at <= excluded.reported_at",
                report.pseudonym(), report.service(), rows, report.replay(), report.at().atOffset(ZoneOffset.UTC)).replaceWithVoid();
    }

    private Map<String, Integer> rows(String json) {
        try {
            return mapper.readValue(json, ROWS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

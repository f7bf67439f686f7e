package org.esscard.account.service.data;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.esscard.account.client.HolderData;
import org.esscard.account.config.AccountConfig;
import org.esscard.account.repository.DataCopy;
import org.esscard.account.repository.HolderAccount;
import org.esscard.account.repository.PermitRecord;
import org.esscard.account.repository.ServicePin;
import org.esscard.account.service.AccountError;
import org.esscard.account.service.session.HolderSessions;
import org.esscard.platform.problem.ProblemException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A holder's copy of what the suite holds about them (issue 18, PIPL Art. 45): account-service's own part, and each
 * other service's part read from that service's API with the holder's own step-up token, in one JSON document kept
 * until its download expires. A part that cannot be read makes no copy at all ({@code DATA_COPY_INCOMPLETE}): an
 * incomplete copy would say less than the suite holds. docs/PRIVACY.md lists the document field by field.
 */
@ApplicationScoped
public class DataCopies {

    /** What the copy is: the document's version, for whoever reads an old one. */
    static final String FORMAT = "esscard-data-copy/1";

    private final HolderData.Identity identity;
    private final HolderData.Permit permit;
    private final HolderData.Notification notification;
    private final HolderSessions sessions;
    private final AccountConfig config;
    private final ObjectMapper mapper;
    private final Clock clock;

    public DataCopies(@RestClient HolderData.Identity identity, @RestClient HolderData.Permit permit,
            @RestClient HolderData.Notification notification, HolderSessions sessions, AccountConfig config, ObjectMapper mapper,
            Clock clock) {
        this.identity = identity;
        this.permit = permit;
        this.notification = notification;
        this.sessions = sessions;
        this.config = config;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** What account-service holds: the account (no password or PIN hash), its permit record, sessions and logins. */
    public record AccountPart(UUID accountId, String holderName, String permitNumber, String socialSecurityNumber, String mobile,
            String cardNumber, String status, String origin, OffsetDateTime createdAt, OffsetDateTime activatedAt,
            OffsetDateTime passwordChangedAt, Pin pin, PermitRecordPart permitRecord, List<HolderSessions.LiveSession> sessions,
            List<HolderSessions.LoginAttempt> logins) {
    }

    /** Whether a PIN is set and since when; never the PIN or its hash. */
    public record Pin(boolean set, OffsetDateTime setAt, OffsetDateTime lockedUntil) {
    }

    /** account-service's copy of the permit (from permit-events), what registration and binding compare with. */
    public record PermitRecordPart(String permitNumber, String holderName, String passportNumber, String status,
            java.time.LocalDate validUntil) {
    }

    /** The document and the parts of each service. */
    public record Document(String format, OffsetDateTime generatedAt, UUID accountId, AccountPart account, JsonNode identity,
            JsonNode permit, JsonNode notification) {
    }

    /** A copy ready for download. */
    public record Ready(UUID id, String download, OffsetDateTime expiresAt) {
    }

    /** Gathers the copy for {@code accountId}; {@code bearer} is the holder's step-up token, as the request carried it. */
    public Uni<Ready> make(UUID accountId, String bearer) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return Panache.withSession(() -> HolderAccount.<HolderAccount>findById(accountId)).chain(account -> {
            if (account == null) {
                return Uni.createFrom().failure(new ProblemException(AccountError.ACCOUNT_NOT_FOUND, "-"));
            }
            return own(account).chain(own -> part("identity-service", identity.data(bearer))
                    .chain(id -> (account.permitNumber == null ? Uni.createFrom().<JsonNode>nullItem() : part("permit-service", permit.data(bearer)))
                            .chain(pm -> part("notification-service", notification.data(bearer))
                                    .map(nt -> new Document(FORMAT, now, accountId, own, id, pm, nt)))));
        }).chain(document -> store(accountId, document, now));
    }

    /** The document of a copy of {@code accountId}'s that has not expired. */
    public Uni<String> download(UUID accountId, UUID copyId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Uni<DataCopy> found = Panache.withSession(
                () -> DataCopy.<DataCopy>find("id = ?1 and accountId = ?2 and expiresAt >= ?3", copyId, accountId, now).firstResult());
        return found.map(copy -> {
                    if (copy == null) {
                        throw new ProblemException(AccountError.DATA_COPY_NOT_FOUND);
                    }
                    return copy.document;
                });
    }

    /** Deletes the copies whose download has expired, downloaded or not: they hold the holder's data in clear. */
    @Scheduled(every = "5m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> purgeExpired() {
        return Panache.withTransaction(() -> DataCopy.delete("expiresAt < ?1", OffsetDateTime.now(clock)))
                .invoke(n -> {
                    if (n > 0) {
                        Log.infof("deleted %d expired copies of holders' data", n);
                    }
                })
                .replaceWithVoid();
    }

    private Uni<AccountPart> own(HolderAccount a) {
        return Panache.withSession(() -> ServicePin.<ServicePin>findById(a.id)
                .chain(pin -> (a.permitNumber == null ? Uni.createFrom().<PermitRecord>nullItem() : PermitRecord.<PermitRecord>findById(a.permitNumber))
                        .map(record -> new Object[] { pin, record })))
                .chain(found -> sessions.live(a.id, null).chain(live -> sessions.history(a.id).map(logins -> {
                    ServicePin pin = (ServicePin) found[0];
                    PermitRecord r = (PermitRecord) found[1];
                    return new AccountPart(a.id, a.holderName, a.permitNumber, a.socialSecurityNumber, a.mobile, a.cardNumber,
                            a.status.name(), a.origin.name(), a.createdAt, a.activatedAt, a.passwordChangedAt,
                            new Pin(pin != null, pin == null ? null : pin.setAt, pin == null ? null : pin.lockedUntil),
                            r == null ? null : new PermitRecordPart(r.permitNumber, r.holderName, r.passportNumber, r.status.name(), r.validUntil),
                            live, logins);
                })));
    }

    private static Uni<JsonNode> part(String service, Uni<JsonNode> call) {
        return call.onFailure().transform(failure -> {
            Log.warnf("copy of a holder's data: %s did not answer (%s)", service, failure.toString());
            return new ProblemException(AccountError.DATA_COPY_INCOMPLETE).with("retryAfterSeconds", 60);
        });
    }

    private Uni<Ready> store(UUID accountId, Document document, OffsetDateTime now) {
        DataCopy copy = new DataCopy();
        copy.id = UUID.randomUUID();
        copy.accountId = accountId;
        try {
            copy.document = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        copy.createdAt = now;
        copy.expiresAt = now.plus(config.dataCopyTtl());
        return Panache.withTransaction(() -> copy.<DataCopy>persist())
                .map(saved -> new Ready(saved.id, "/api/accounts/data-copy/" + saved.id, saved.expiresAt));
    }
}

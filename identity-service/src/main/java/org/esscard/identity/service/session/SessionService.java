package org.esscard.identity.service.session;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.esscard.events.identity.VerificationPurpose;
import org.esscard.events.permit.PermitDates;
import org.esscard.events.permit.PermitStatus;
import org.esscard.identity.config.IdentityConfig;
import org.esscard.identity.repository.FaceAttemptCounter;
import org.esscard.identity.repository.PermitSubject;
import org.esscard.events.identity.api.SessionStatus;
import org.esscard.identity.repository.SmsChallenge;
import org.esscard.identity.repository.VerificationSession;
import org.esscard.identity.service.Caller;
import org.esscard.identity.service.IdentityError;
import org.esscard.platform.problem.ProblemException;
import org.esscard.platform.text.PassportName;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/** Opens verification sessions and reads them, with the state that decides what each still offers. */
@ApplicationScoped
public class SessionService {

    /** Purposes that register someone or bind a permit: only a permit within its validity can (R4, R13). */
    private static final Set<VerificationPurpose> NEED_VALID_PERMIT = EnumSet.of(VerificationPurpose.REGISTRATION,
            VerificationPurpose.REAL_NAME, VerificationPurpose.PERMIT_BINDING);

    private final Clock clock;
    private final IdentityConfig config;

    public SessionService(Clock clock, IdentityConfig config) {
        this.clock = clock;
        this.config = config;
    }

    /**
     * Opens a session for the holder of {@code permitNumber}, who must be known from permit events under
     * exactly {@code name} (R3).
     */
    public Uni<SessionState> open(Caller caller, VerificationPurpose purpose, String permitNumber, String name, String accountId) {
        if (!caller.mayActFor(permitNumber)) {
            throw new ForbiddenException();
        }
        return Panache.withTransaction(() -> PermitSubject.<PermitSubject>findById(permitNumber).chain(subject -> {
            if (subject == null) {
                throw new ProblemException(IdentityError.SUBJECT_UNKNOWN, permitNumber);
            }
            if (!PassportName.matches(name, subject.holderName)) {
                Log.infof("session for %s refused: the name differs from the permit holder's", permitNumber);
                throw new ProblemException(IdentityError.NAME_MISMATCH);
            }
            if (NEED_VALID_PERMIT.contains(purpose) && !valid(subject)) {
                throw new ProblemException(IdentityError.PERMIT_NOT_VALID, permitNumber);
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            VerificationSession session = new VerificationSession();
            session.id = UUID.randomUUID();
            session.purpose = purpose;
            session.permitNumber = permitNumber;
            session.subjectName = name;
            session.accountId = caller.service() ? accountId : caller.subject();
            session.openedBy = caller.subject();
            session.status = SessionStatus.OPEN;
            session.createdAt = now;
            session.expiresAt = now.plus(config.sessionTtl());
            return session.<VerificationSession>persist()
                    .invoke(saved -> Log.infof("session %s opened for %s (%s) by %s", saved.id, permitNumber, purpose, caller.subject()))
                    .chain(saved -> faceFailures(permitNumber)
                            .map(failures -> new SessionState(saved, subject, failures, null, clock.instant(), config)));
        }));
    }

    /**
     * The session as {@code caller} may see it. A holder asking for someone else's session learns nothing, not
     * even that it exists.
     */
    public Uni<SessionState> read(Caller caller, String id) {
        UUID sessionId = parse(id);
        return Panache.withSession(() -> VerificationSession.<VerificationSession>findById(sessionId)
                .chain(session -> {
                    if (session == null || !caller.mayActFor(session.permitNumber)) {
                        throw new ProblemException(IdentityError.SESSION_NOT_FOUND, id);
                    }
                    return state(session);
                }));
    }

    /** The session as {@link #read}, refused unless a method can still be attempted in it. */
    public Uni<SessionState> active(Caller caller, String id) {
        return read(caller, id).invoke(SessionService::requireActive);
    }

    /**
     * The session under its row lock, then the person's face counter under its own (always in that order, so
     * two transactions never wait for each other). Call inside a transaction.
     */
    public Uni<Locked> lock(UUID sessionId) {
        return VerificationSession.<VerificationSession>findById(sessionId, LockModeType.PESSIMISTIC_WRITE)
                .chain(session -> lockCounter(session.permitNumber)
                        .chain(counter -> SmsChallenge.<SmsChallenge>findById(sessionId)
                                .chain(challenge -> PermitSubject.<PermitSubject>findById(session.permitNumber)
                                        .map(subject -> new Locked(session, counter, challenge, subject)))));
    }

    /** What a transaction holds locked, and the state it makes. */
    public record Locked(VerificationSession session, FaceAttemptCounter counter, SmsChallenge challenge, PermitSubject subject) {

        public SessionState state(Clock clock, IdentityConfig config) {
            return new SessionState(session, subject, counter.consecutiveFailures, challenge, clock.instant(), config);
        }
    }

    public SessionState state(Locked locked) {
        return locked.state(clock, config);
    }

    /** Refuses a session whose time ran out or that is already verified. */
    public static void requireActive(SessionState state) {
        if (state.session().status == SessionStatus.VERIFIED) {
            throw new ProblemException(IdentityError.SESSION_COMPLETED);
        }
        if (state.expired()) {
            throw new ProblemException(IdentityError.SESSION_EXPIRED);
        }
    }

    private Uni<SessionState> state(VerificationSession session) {
        return faceFailures(session.permitNumber)
                .chain(failures -> SmsChallenge.<SmsChallenge>findById(session.id)
                        .chain(challenge -> PermitSubject.<PermitSubject>findById(session.permitNumber)
                                .map(subject -> new SessionState(session, subject, failures, challenge, clock.instant(), config))));
    }

    private static Uni<Integer> faceFailures(String permitNumber) {
        return FaceAttemptCounter.<FaceAttemptCounter>findById(permitNumber)
                .map(counter -> counter == null ? 0 : counter.consecutiveFailures);
    }

    private Uni<FaceAttemptCounter> lockCounter(String permitNumber) {
        // the row must exist before it can be locked; a concurrent insert of the same row waits for this one
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into face_attempt_counter"
                        + " (permit_number, consecutive_failures, updated_at) values (:permit, 0, :now) on conflict do nothing")
                .setParameter("permit", permitNumber)
                .setParameter("now", OffsetDateTime.now(clock))
                .executeUpdate())
                .chain(() -> FaceAttemptCounter.<FaceAttemptCounter>findById(permitNumber, LockModeType.PESSIMISTIC_WRITE));
    }

    private boolean valid(PermitSubject subject) {
        // the permit's last day ends in China (PermitDates), not at midnight UTC
        return PermitStatus.ACTIVE.name().equals(subject.status) && !PermitDates.isOver(subject.validUntil, clock.instant());
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(IdentityError.SESSION_NOT_FOUND, id);
        }
    }
}

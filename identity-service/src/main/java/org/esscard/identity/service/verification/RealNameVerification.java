package org.esscard.identity.service.verification;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.esscard.events.identity.VerificationMethod;
import org.esscard.identity.client.VendorUnavailableException;
import org.esscard.identity.client.Vendors;
import org.esscard.identity.config.IdentityConfig;
import org.esscard.identity.repository.SmsChallenge;
import org.esscard.identity.repository.VerificationSession;
import org.esscard.identity.service.Caller;
import org.esscard.identity.service.IdentityError;
import org.esscard.identity.service.Problems;
import org.esscard.identity.service.audit.AuditTrail;
import org.esscard.identity.service.audit.Hashing;
import org.esscard.identity.service.session.Completion;
import org.esscard.identity.service.session.SessionService;
import org.esscard.identity.service.session.SessionState;
import org.esscard.identity.service.session.Settled;
import org.esscard.platform.masking.Mask;
import org.esscard.platform.problem.ProblemException;
import org.esscard.platform.text.PassportName;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Bank-card (R7) and mobile (R8) verification, each the other's fallback (R9), and the SMS code that completes
 * either. Input is checked before any vendor is asked; a vendor's "no" counts as one of the session's checks of
 * that method and opens the other method; the full card number is passed to the bank and forgotten.
 */
@ApplicationScoped
public class RealNameVerification {

    static final String BANK_CARD = VerificationMethod.BANK_CARD.name();
    static final String MOBILE = VerificationMethod.MOBILE.name();

    private final SessionService sessions;
    private final Vendors vendors;
    private final SmsCodes codes;
    private final Hashing hashing;
    private final Completion completion;
    private final VendorAttempts attempts;
    private final AuditTrail audit;
    private final IdentityConfig config;

    public RealNameVerification(SessionService sessions, Vendors vendors, SmsCodes codes, Hashing hashing, Completion completion,
            VendorAttempts attempts, AuditTrail audit, IdentityConfig config) {
        this.attempts = attempts;
        this.sessions = sessions;
        this.vendors = vendors;
        this.codes = codes;
        this.hashing = hashing;
        this.completion = completion;
        this.audit = audit;
        this.config = config;
    }

    /** What a bank-card verification is started with (R7): the four elements. */
    public record BankCard(String name, String passportNumber, String cardNumber, String mobile) {
    }

    /**
     * Starts bank-card verification: checks the card number's format and the passport number locally, asks the
     * bank to confirm the four elements, then sends an SMS code to the bank-reserved mobile number.
     */
    public Uni<SessionState> bankCard(Caller caller, String sessionId, BankCard input) {
        return sessions.active(caller, sessionId).chain(state -> {
            VerificationSession session = state.session();
            if (!state.isOpen(VerificationMethod.BANK_CARD)) {
                return Uni.createFrom().failure(Problems.notOpen(state));
            }
            String card = UnionPayCard.digits(input.cardNumber());
            String lastFour = UnionPayCard.lastFour(card);
            Optional<String> mobile = ChinaMobile.normalize(input.mobile());
            String masked = "card " + Mask.card(card) + ", mobile " + Mask.phone(mobile.orElse(input.mobile()));
            Optional<UnionPayCard.Flaw> flaw = UnionPayCard.flaw(card, config.bankCard().prefixes());
            if (flaw.isPresent()) {
                return refuseInput(session, BANK_CARD, "INVALID", flaw.get().name(), masked,
                        new ProblemException(IdentityError.BANK_CARD_INVALID).with("reason", flaw.get().name()));
            }
            if (mobile.isEmpty()) {
                return refuseInput(session, BANK_CARD, "INVALID", "MOBILE", masked, new ProblemException(IdentityError.MOBILE_INVALID));
            }
            if (input.name() != null && !PassportName.matches(input.name(), session.subjectName)) {
                return refuseInput(session, BANK_CARD, "INVALID", "NAME", masked, new ProblemException(IdentityError.NAME_MISMATCH));
            }
            boolean passportMatches = passport(input.passportNumber()).equals(passport(state.subject().passportNumber));
            Log.infof("session %s: bank-card check of %s for %s", session.id, masked, session.permitNumber);
            // the bank is asked even when the passport number is already known to be wrong (with the number given):
            // the answer, and the time it takes, must not tell which of the elements was wrong
            return refusedBySendLimits(session, mobile.get(), BANK_CARD, masked)
                    .chain(() -> Panache.withTransaction(() -> reserve(session.id, VerificationMethod.BANK_CARD)).map(Settled::orThrow))
                    .chain(reservation -> vendors.bankCardMatches(session.subjectName,
                            passportMatches ? state.subject().passportNumber : input.passportNumber(), card, mobile.get())
                            .onFailure(VendorUnavailableException.class).recoverWithUni(f -> attempts.releaseAlone(reservation)
                                    .chain(() -> unavailable(session, BANK_CARD, masked, f)))
                            .chain(matched -> Panache.withTransaction(() -> attempts.release(reservation)
                                    .chain(() -> checked(session.id, VerificationMethod.BANK_CARD, matched && passportMatches,
                                            passportMatches ? null : "PASSPORT", mobile.get(), lastFour, masked)))))
                    .chain(this::deliver);
        });
    }

    /** Starts mobile verification (R8): asks the carrier to confirm the number is the person's, then sends a code. */
    public Uni<SessionState> mobile(Caller caller, String sessionId, String name, String number) {
        return sessions.active(caller, sessionId).chain(state -> {
            VerificationSession session = state.session();
            if (!state.isOpen(VerificationMethod.MOBILE)) {
                return Uni.createFrom().failure(Problems.notOpen(state));
            }
            Optional<String> mobile = ChinaMobile.normalize(number);
            String masked = "mobile " + Mask.phone(mobile.orElse(number));
            if (mobile.isEmpty()) {
                return refuseInput(session, MOBILE, "INVALID", "MOBILE", masked, new ProblemException(IdentityError.MOBILE_INVALID));
            }
            if (name != null && !PassportName.matches(name, session.subjectName)) {
                return refuseInput(session, MOBILE, "INVALID", "NAME", masked, new ProblemException(IdentityError.NAME_MISMATCH));
            }
            return refusedBySendLimits(session, mobile.get(), MOBILE, masked)
                    .chain(() -> Panache.withTransaction(() -> reserve(session.id, VerificationMethod.MOBILE)).map(Settled::orThrow))
                    .chain(reservation -> vendors.mobileMatches(session.subjectName, state.subject().passportNumber, mobile.get())
                            .onFailure(VendorUnavailableException.class).recoverWithUni(f -> attempts.releaseAlone(reservation)
                                    .chain(() -> unavailable(session, MOBILE, masked, f)))
                            .chain(matched -> Panache.withTransaction(() -> attempts.release(reservation)
                                    .chain(() -> checked(session.id, VerificationMethod.MOBILE, matched, null, mobile.get(), null,
                                            masked)))))
                    .chain(this::deliver);
        });
    }

    /** One of the session's remaining checks of {@code method}, reserved under the session's lock before the vendor is asked. */
    private Uni<Settled<UUID>> reserve(UUID sessionId, VerificationMethod method) {
        return sessions.lock(sessionId).chain(locked -> {
            SessionState state = sessions.state(locked);
            SessionService.requireActive(state);
            if (!state.isOpen(method)) {
                return Uni.createFrom().item(Settled.<UUID>refused(Problems.notOpen(state)));
            }
            int left = method == VerificationMethod.BANK_CARD ? state.bankCardChecksRemaining() : state.mobileChecksRemaining();
            return attempts.reserve(sessionId.toString(), method.name(), left);
        });
    }

    /** Sends a new code for the check the session already passed; the earlier code dies. */
    public Uni<SessionState> resend(Caller caller, String sessionId) {
        return sessions.active(caller, sessionId).chain(state -> {
            if (state.challenge() == null) {
                return Uni.createFrom().failure(new ProblemException(IdentityError.SMS_CODE_NOT_SENT));
            }
            return Panache.withTransaction(() -> sessions.lock(state.session().id).chain(locked -> {
                SessionService.requireActive(sessions.state(locked));
                SmsChallenge challenge = locked.challenge();
                if (challenge == null) {
                    return Uni.createFrom().item(Settled.<Pending>refused(new ProblemException(IdentityError.SMS_CODE_NOT_SENT)));
                }
                return issue(locked, challenge.method, challenge.mobile, challenge.cardLastFour, "mobile " + Mask.phone(challenge.mobile));
            })).chain(this::deliver);
        });
    }

    /** Completes the session with the SMS code it waits for. */
    public Uni<SessionState> submitCode(Caller caller, String sessionId, String code) {
        return sessions.active(caller, sessionId).chain(state -> Panache.withTransaction(() -> sessions.lock(state.session().id)
                .chain(locked -> {
                    SessionService.requireActive(sessions.state(locked));
                    VerificationSession session = locked.session();
                    SmsChallenge challenge = locked.challenge();
                    if (challenge == null) {
                        return Uni.createFrom().item(Settled.<SessionState>refused(new ProblemException(IdentityError.SMS_CODE_NOT_SENT)));
                    }
                    String masked = "mobile " + Mask.phone(challenge.mobile);
                    int maxWrong = config.sms().maxWrongAttempts();
                    if (challenge.wrongAttempts >= maxWrong) {
                        return refused(session, "EXHAUSTED", challenge.method.name(), masked,
                                new ProblemException(IdentityError.SMS_CODE_EXHAUSTED, maxWrong).with("remainingAttempts", 0));
                    }
                    if (!sessions.state(locked).now().isBefore(challenge.expiresAt.toInstant())) {
                        return refused(session, "EXPIRED", challenge.method.name(), masked,
                                new ProblemException(IdentityError.SMS_CODE_EXPIRED, config.sms().codeTtl().toMinutes()));
                    }
                    if (!hashing.codeMatches(session.id, code, challenge.codeHash)) {
                        challenge.wrongAttempts++;
                        int remaining = maxWrong - challenge.wrongAttempts;
                        return refused(session, "WRONG", challenge.wrongAttempts + "/" + maxWrong, masked,
                                new ProblemException(IdentityError.SMS_CODE_WRONG, remaining).with("remainingAttempts", remaining));
                    }
                    return completion.verify(locked, challenge.method, AuditTrail.SMS_CODE, masked)
                            .map(ignored -> Settled.of(sessions.state(locked)));
                }))).map(Settled::orThrow);
    }

    /** A code issued in a committed transaction, waiting to be handed to the SMS gateway. */
    private record Pending(SessionState state, SmsCodes.Issued issued) {
    }

    /**
     * Records a check in the session under its lock: a "no" counts and opens the other method (R9); a "yes"
     * issues the SMS code.
     *
     * @param localFlaw why the check failed without asking the vendor ({@code PASSPORT}), or {@code null}
     */
    private Uni<Settled<Pending>> checked(UUID sessionId, VerificationMethod method, boolean matched, String localFlaw,
            String mobile, String cardLastFour, String masked) {
        return sessions.lock(sessionId).chain(locked -> {
            SessionState before = sessions.state(locked);
            SessionService.requireActive(before);
            if (!before.isOpen(method)) {
                return Uni.createFrom().item(Settled.<Pending>refused(Problems.notOpen(before)));
            }
            VerificationSession session = locked.session();
            boolean bankCard = method == VerificationMethod.BANK_CARD;
            if (bankCard) {
                session.bankCardChecks++;
            } else {
                session.mobileChecks++;
            }
            if (matched) {
                return audit.append(sessionId, session.permitNumber, method.name(), "MATCHED", null, masked)
                        .chain(() -> issue(locked, method, mobile, cardLastFour, masked));
            }
            if (bankCard) {
                session.bankCardFailed = true;
            } else {
                session.mobileFailed = true;
            }
            SessionState after = sessions.state(locked);
            int remaining = bankCard ? after.bankCardChecksRemaining() : after.mobileChecksRemaining();
            // one code whatever was wrong; only the audit trail keeps the passport flaw
            IdentityError error = bankCard ? IdentityError.BANK_VERIFICATION_FAILED : IdentityError.MOBILE_VERIFICATION_FAILED;
            ProblemException problem = new ProblemException(error, remaining)
                    .with("remainingAttempts", remaining)
                    .with("nextMethods", after.openMethods());
            return audit.append(sessionId, session.permitNumber, method.name(), localFlaw != null ? localFlaw + "_MISMATCH" : "MISMATCH",
                    (bankCard ? session.bankCardChecks : session.mobileChecks) + "/" + config.checksPerMethod(), masked)
                    .replaceWith(Settled.refused(problem));
        });
    }

    private Uni<Settled<Pending>> issue(SessionService.Locked locked, VerificationMethod method, String mobile, String cardLastFour,
            String masked) {
        VerificationSession session = locked.session();
        return codes.issue(session.id, method, mobile, cardLastFour).chain(settled -> {
            if (settled.problem() != null) {
                return audit.append(session.id, session.permitNumber, AuditTrail.SMS_CODE, "RATE_LIMITED",
                        String.valueOf(settled.problem().extensions().get("limit")), masked)
                        .replaceWith(Settled.<Pending>refused(settled.problem()));
            }
            return SmsChallenge.<SmsChallenge>findById(session.id).chain(challenge -> audit
                    .append(session.id, session.permitNumber, AuditTrail.SMS_CODE, "SENT", method.name(), masked)
                    .map(ignored -> Settled.of(new Pending(new SessionState(session, locked.subject(),
                            locked.counter().consecutiveFailures, challenge, sessions.state(locked).now(), config), settled.value()))));
        });
    }

    /** After the commit: hands the code to the SMS gateway; a send it refused is taken back and not counted. */
    private Uni<SessionState> deliver(Settled<Pending> settled) {
        Pending pending = settled.orThrow();
        SmsCodes.Issued issued = pending.issued();
        VerificationSession session = pending.state().session();
        return vendors.sendSms(issued.mobile(), codes.text(issued.code()))
                .invoke(() -> Log.infof("session %s: SMS code sent to %s", session.id, Mask.phone(issued.mobile())))
                .replaceWith(pending.state())
                .onFailure(VendorUnavailableException.class).recoverWithUni(failure -> codes.forget(issued)
                        .chain(() -> audit.appendAlone(session.id, session.permitNumber, AuditTrail.SMS_CODE, "UNAVAILABLE", "SMS",
                                "mobile " + Mask.phone(issued.mobile())))
                        .chain(() -> Uni.createFrom().failure(Problems.unavailable((VendorUnavailableException) failure))));
    }

    /** Refuses now when a send limit would refuse the code after the vendor's check: the check is not wasted. */
    private Uni<Void> refusedBySendLimits(VerificationSession session, String mobile, String method, String masked) {
        return codes.wouldRefuse(session.id, mobile).chain(refusal -> refusal.isEmpty() ? Uni.createFrom().voidItem()
                : audit.appendAlone(session.id, session.permitNumber, AuditTrail.SMS_CODE, "RATE_LIMITED",
                        method + " " + refusal.get().extensions().get("limit"), masked)
                        .chain(() -> Uni.createFrom().failure(refusal.get())));
    }

    private <T> Uni<T> refuseInput(VerificationSession session, String method, String outcome, String detail, String masked,
            ProblemException problem) {
        return audit.appendAlone(session.id, session.permitNumber, method, outcome, detail, masked)
                .chain(() -> Uni.createFrom().failure(problem));
    }

    private Uni<Settled<SessionState>> refused(VerificationSession session, String outcome, String detail, String masked,
            ProblemException problem) {
        return audit.append(session.id, session.permitNumber, AuditTrail.SMS_CODE, outcome, detail, masked)
                .replaceWith(Settled.refused(problem));
    }

    private Uni<Boolean> unavailable(VerificationSession session, String method, String masked, Throwable failure) {
        VendorUnavailableException e = (VendorUnavailableException) failure;
        return audit.appendAlone(session.id, session.permitNumber, method, "UNAVAILABLE", e.vendor().name(), masked)
                .chain(() -> Uni.createFrom().failure(Problems.unavailable(e)));
    }

    private static String passport(String number) {
        return number == null ? "" : number.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
    }
}

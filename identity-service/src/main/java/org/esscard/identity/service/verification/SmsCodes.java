package org.esscard.identity.service.verification;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.esscard.events.identity.VerificationMethod;
import org.esscard.identity.config.IdentityConfig;
import org.esscard.identity.repository.SmsChallenge;
import org.esscard.identity.repository.SmsSend;
import org.esscard.identity.service.IdentityError;
import org.esscard.identity.service.audit.Hashing;
import org.esscard.identity.service.session.Settled;
import org.esscard.platform.masking.Mask;
import org.esscard.platform.problem.ProblemException;
import org.esscard.platform.problem.RetryAfter;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * SMS verification codes: 6 digits, kept only as a keyed hash, valid for 5 minutes, dead after 5 wrong
 * entries; and the send limits, per number (one a minute, ten a day) and per session (one a minute, five in
 * all). Every limit answers when to retry.
 */
@ApplicationScoped
public class SmsCodes {

    private static final Duration DAY = Duration.ofHours(24);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Which send limit refused a code; sent as the problem's {@code limit}. */
    public enum Limit {
        /** One code a minute, to a number or within a session. */
        PER_MINUTE,
        /** Ten codes a day to one number. */
        PER_DAY,
        /** Five codes in one session. */
        PER_SESSION
    }

    /** A code just issued, to hand to the SMS gateway once its transaction has committed. */
    record Issued(String code, String mobile, Long sendId) {
    }

    private final Hashing hashing;
    private final Clock clock;
    private final IdentityConfig config;

    public SmsCodes(Hashing hashing, Clock clock, IdentityConfig config) {
        this.hashing = hashing;
        this.clock = clock;
        this.config = config;
    }

    /** The limit a new code to {@code mobile} in {@code session} would break now, read without locks. */
    public Uni<Optional<ProblemException>> wouldRefuse(UUID session, String mobile) {
        return Panache.withSession(() -> refusal(session, hashing.number(mobile), OffsetDateTime.now(clock)));
    }

    /**
     * Issues a new code for the session (replacing any earlier one) unless a send limit refuses it. Call inside
     * the transaction that holds the session's lock; the number's limits are taken under an advisory lock on the
     * number, so two sessions sending to one number at once take turns.
     */
    Uni<Settled<Issued>> issue(UUID session, VerificationMethod method, String mobile, String cardLastFour) {
        String numberKey = hashing.number(mobile);
        OffsetDateTime now = OffsetDateTime.now(clock);
        return lockNumber(numberKey)
                .chain(() -> refusal(session, numberKey, now))
                .chain(refused -> {
                    if (refused.isPresent()) {
                        return Uni.createFrom().item(Settled.<Issued>refused(refused.get()));
                    }
                    String code = String.format("%06d", RANDOM.nextInt(1_000_000));
                    return SmsChallenge.<SmsChallenge>findById(session).chain(existing -> {
                        SmsChallenge challenge = existing != null ? existing : new SmsChallenge();
                        challenge.sessionId = session;
                        challenge.method = method;
                        challenge.mobile = mobile;
                        challenge.cardLastFour = cardLastFour;
                        challenge.codeHash = hashing.code(session, code);
                        challenge.wrongAttempts = 0;
                        challenge.sentAt = now;
                        challenge.expiresAt = now.plus(config.sms().codeTtl());
                        SmsSend send = new SmsSend();
                        send.numberKey = numberKey;
                        send.sessionId = session;
                        send.sentAt = now;
                        Uni<SmsChallenge> saved = existing != null ? Uni.createFrom().item(challenge) : challenge.persist();
                        return saved.chain(() -> send.<SmsSend>persist())
                                .map(sent -> Settled.of(new Issued(code, mobile, sent.id)));
                    });
                });
    }

    /** The SMS the person receives. */
    String text(String code) {
        long minutes = config.sms().codeTtl().toMinutes();
        return "【电子社保卡】验证码 " + code + "，" + minutes + " 分钟内有效，请勿告诉他人。"
                + "eSSCard verification code: " + code + ", valid for " + minutes + " minutes. Never share it.";
    }

    /** Takes back a send the gateway refused, so it does not count against the limits. */
    Uni<Void> forget(Issued issued) {
        Log.infof("SMS to %s not delivered: its send is not counted", Mask.phone(issued.mobile()));
        return Panache.withTransaction(() -> SmsSend.deleteById(issued.sendId())).replaceWithVoid();
    }

    private Uni<Optional<ProblemException>> refusal(UUID session, String numberKey, OffsetDateTime now) {
        return SmsSend.<SmsSend>list("sessionId", Sort.by("sentAt"), session).chain(bySession -> SmsSend
                .<SmsSend>list("numberKey = ?1 and sentAt > ?2", Sort.by("sentAt"), numberKey, now.minus(DAY))
                .map(byNumber -> refusal(bySession, byNumber, now)));
    }

    private Optional<ProblemException> refusal(List<SmsSend> bySession, List<SmsSend> byNumber, OffsetDateTime now) {
        Duration interval = config.sms().minInterval();
        OffsetDateTime lastToNumber = byNumber.isEmpty() ? null : byNumber.get(byNumber.size() - 1).sentAt;
        OffsetDateTime lastInSession = bySession.isEmpty() ? null : bySession.get(bySession.size() - 1).sentAt;
        Duration numberWait = lastToNumber == null ? Duration.ZERO : Duration.between(now, lastToNumber.plus(interval));
        if (bySession.size() >= config.sms().maxPerSession()) {
            return Optional.of(limited(Limit.PER_SESSION, numberWait));
        }
        OffsetDateTime last = lastInSession == null || (lastToNumber != null && lastToNumber.isAfter(lastInSession))
                ? lastToNumber : lastInSession;
        if (last != null && last.plus(interval).isAfter(now)) {
            return Optional.of(limited(Limit.PER_MINUTE, Duration.between(now, last.plus(interval))));
        }
        int perDay = config.sms().maxPerNumberPerDay();
        if (byNumber.size() >= perDay) {
            // the send that must leave the 24-hour window before another fits in it
            OffsetDateTime agesOut = byNumber.get(byNumber.size() - perDay).sentAt.plus(DAY);
            return Optional.of(limited(Limit.PER_DAY, Duration.between(now, agesOut)));
        }
        return Optional.empty();
    }

    private static ProblemException limited(Limit limit, Duration wait) {
        RetryAfter after = RetryAfter.of(wait);
        return new ProblemException(IdentityError.SMS_RATE_LIMITED, after.amount(), after.unit(), limit == Limit.PER_SESSION ? 1 : 0)
                .with("limit", limit.name())
                .with("retryAfterSeconds", after.seconds());
    }

    private static Uni<Void> lockNumber(String numberKey) {
        return Panache.getSession().chain(s -> s
                .createNativeQuery("select 1 from pg_advisory_xact_lock(hashtextextended(:key, 0))", Integer.class)
                .setParameter("key", numberKey)
                .getSingleResult())
                .replaceWithVoid();
    }
}

package org.esscard.permit.service.credential;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;

import org.esscard.events.permit.PermitDates;
import org.esscard.events.permit.TalentCategory;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * Signs permit QR codes (R18) with the ring's active key. It only signs: whether the permit may have a QR at all
 * (active, not expired or cancelled, R20) is decided by the caller before it asks.
 */
public final class QrCredentialSigner {

    /** 96 random bits: unique across every code ever shown, in 16 characters. */
    private static final int ID_BYTES = 12;

    private final QrKeyRing keys;
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param ttl how long a code stays valid after it is shown; short, so a screenshot is soon worthless. Whole
     *            seconds, at least one, because {@code exp} is in seconds.
     */
    public QrCredentialSigner(QrKeyRing keys, Duration ttl, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (ttl.getSeconds() < 1 || ttl.getNano() != 0) {
            throw new IllegalArgumentException("QR lifetime must be a whole number of seconds, at least one: " + ttl);
        }
    }

    /**
     * Signs a code for a permit; the signer stamps it with now, now + ttl and a fresh random id. The expiry is cut
     * back to the end of the permit's last valid day, so a 30-day letter QR of a permit ending next week ends with it.
     *
     * @param holderName exactly as in the passport; it is signed unchanged
     * @param nationality the permit's nationality code, e.g. {@code USA}
     * @return the QR text ({@code ESSC1:} + compact JWS, plain ASCII) and what it asserts
     * @throws IllegalArgumentException or NullPointerException if a field is missing or blank, or if the permit's
     *         validity has already ended (the caller checks that before it asks)
     */
    public SignedQr sign(String permitNumber, String holderName, String nationality, TalentCategory talentCategory,
            LocalDate validUntil) {
        return sign(permitNumber, holderName, nationality, talentCategory, validUntil, null);
    }

    /**
     * As {@link #sign(String, String, String, TalentCategory, LocalDate)}, with the permit's place in the status list,
     * so that offline verifiers learn of a cancellation made after the code was shown.
     *
     * @param status the permit's status list entry, or null for a code without one
     */
    public SignedQr sign(String permitNumber, String holderName, String nationality, TalentCategory talentCategory,
            LocalDate validUntil, StatusReference status) {
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Objects.requireNonNull(validUntil, "validUntil");
        Instant expiresAt = issuedAt.plus(ttl);
        Instant validityEnds = PermitDates.lastValidSecond(validUntil);
        if (expiresAt.isAfter(validityEnds)) {
            expiresAt = validityEnds;
        }
        QrClaims claims = new QrClaims(permitNumber, holderName, nationality, talentCategory, validUntil, issuedAt,
                expiresAt, newId(), status);
        String kid = keys.activeKid();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(QrFormat.ALGORITHM);
        jws.setKeyIdHeaderValue(kid);
        jws.setPayload(QrFormat.payloadJson(claims));
        jws.setKey(keys.signingKey());
        try {
            return new SignedQr(QrFormat.PREFIX + jws.getCompactSerialization(), claims, kid);
        } catch (JoseException e) {
            throw new IllegalStateException("signing the QR credential with key '" + kid + "' failed", e);
        }
    }

    private String newId() {
        byte[] id = new byte[ID_BYTES];
        random.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }
}

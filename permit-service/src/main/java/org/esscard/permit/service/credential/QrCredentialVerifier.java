package org.esscard.permit.service.credential;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.esscard.permit.service.credential.QrFormat.FormatException;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks a scanned permit QR code offline: format, key, signature, then expiry, in that order, so no claim is read
 * before its signature holds. It returns a {@link Verdict} for any input and never throws; whether the permit has
 * since been cancelled is for the online check to add.
 */
public final class QrCredentialVerifier {

    /** Three base64url segments; the signature may be empty so that an {@code alg: none} code is named as such. */
    private static final Pattern COMPACT_JWS =
            Pattern.compile("([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]*)");
    /** ES256 signatures are R and S side by side, 32 bytes each (RFC 7518 §3.4). */
    private static final int SIGNATURE_BYTES = 64;

    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();
    private static final Base64.Encoder BASE64URL_OUT = Base64.getUrlEncoder().withoutPadding();

    private final QrKeyRing keys;
    private final Clock clock;
    private final Duration allowedClockSkew;
    private final AlgorithmConstraints onlyEs256 = new AlgorithmConstraints(ConstraintType.PERMIT, QrFormat.ALGORITHM);

    /**
     * @param allowedClockSkew how far an officer's device clock may run behind the signer's before a genuine code
     *                         is reported EXPIRED, e.g. 30 seconds
     */
    public QrCredentialVerifier(QrKeyRing keys, Clock clock, Duration allowedClockSkew) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.allowedClockSkew = Objects.requireNonNull(allowedClockSkew, "allowedClockSkew");
        if (allowedClockSkew.isNegative()) {
            throw new IllegalArgumentException("allowed clock skew must not be negative: " + allowedClockSkew);
        }
    }

    /** The verdict on a scanned text; MALFORMED for anything that is not an ESSC1 code, including null. */
    public Verdict verify(String qrText) {
        try {
            return check(qrText);
        } catch (FormatException e) {
            return Verdict.malformed(e.getMessage());
        } catch (RuntimeException e) {
            // A scanner feeds us whatever was printed; a library surprise must still end as a verdict, not a 500.
            return Verdict.malformed("unreadable (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * The verdict an officer's device reaches offline: {@link #verify(String)}, then, for a VALID code, its permit's
     * bit in the status list it names: set → CANCELLED; no list that verifies, or one past its {@code exp} → VALID
     * with a {@link Verdict.Warning}, which is not a pass.
     *
     * @param statusLists the status list token cached for a uri, or null when there is none
     */
    public Verdict verifyOffline(String qrText, Function<String, String> statusLists) {
        Verdict verdict = verify(qrText);
        if (!verdict.isValid()) {
            return verdict;
        }
        StatusReference status = verdict.claims().status();
        if (status == null) {
            return Verdict.validWithWarning(verdict.claims(), verdict.kid(), Verdict.Warning.NO_STATUS_REFERENCE);
        }
        Optional<StatusListToken> list;
        try {
            list = StatusListToken.read(keys, statusLists.apply(status.uri()), status.uri());
        } catch (RuntimeException e) {
            list = Optional.empty();
        }
        if (list.isEmpty() || status.idx() >= list.get().list().size()) {
            return Verdict.validWithWarning(verdict.claims(), verdict.kid(), Verdict.Warning.STATUS_LIST_MISSING);
        }
        if (list.get().list().isInvalid(status.idx())) {
            return Verdict.cancelled(verdict.claims(), verdict.kid());
        }
        if (!clock.instant().isBefore(list.get().expiresAt())) {
            return Verdict.validWithWarning(verdict.claims(), verdict.kid(), Verdict.Warning.STATUS_LIST_STALE);
        }
        return verdict;
    }

    private Verdict check(String text) throws FormatException {
        if (text == null || text.isEmpty()) {
            throw new FormatException("empty");
        }
        if (text.length() > QrFormat.MAX_TEXT_LENGTH) {
            throw new FormatException("longer than " + QrFormat.MAX_TEXT_LENGTH + " characters");
        }
        if (!text.startsWith(QrFormat.PREFIX)) {
            throw new FormatException("no " + QrFormat.PREFIX + " prefix");
        }
        String compact = text.substring(QrFormat.PREFIX.length());
        Matcher segments = COMPACT_JWS.matcher(compact);
        if (!segments.matches()) {
            throw new FormatException("not a compact JWS");
        }

        JsonNode header = QrFormat.readObject(decode(segments.group(1), "header"), "header");
        requireEs256(header);
        if (header.has("crit")) {
            // RFC 7515 §4.1.11: extensions we do not implement must be refused, not ignored.
            throw new FormatException("header has 'crit' extensions, which this format does not use");
        }
        JsonNode kidNode = header.get("kid");
        if (kidNode == null || !kidNode.isTextual() || !QrFormat.KID.matcher(kidNode.textValue()).matches()) {
            throw new FormatException("header has no usable 'kid'");
        }
        String kid = kidNode.textValue();
        Optional<ECPublicKey> key = keys.publicKey(kid);
        if (key.isEmpty()) {
            return Verdict.unknownKey(kid);
        }

        String signature = segments.group(3);
        if (!isCanonicalSignature(signature)) {
            return Verdict.tampered(kid, "signature is not a 64-byte ES256 signature in canonical base64url");
        }
        if (!signatureHolds(compact, key.get())) {
            return Verdict.tampered(kid, "signature does not verify with key '" + kid + "'");
        }

        QrClaims claims = QrFormat.readClaims(decode(segments.group(2), "payload"));
        if (!clock.instant().isBefore(claims.expiresAt().plus(allowedClockSkew))) {
            return Verdict.expired(claims, kid);
        }
        return Verdict.valid(claims, kid);
    }

    /** Only ES256: refusing {@code none} and HMAC by name, because accepting them is the classic JWS forgery. */
    private static void requireEs256(JsonNode header) throws FormatException {
        JsonNode algNode = header.get("alg");
        if (algNode == null || !algNode.isTextual()) {
            throw new FormatException("header has no 'alg'");
        }
        String alg = algNode.textValue();
        if (alg.equalsIgnoreCase("none")) {
            throw new FormatException("alg 'none' refused: codes must be signed");
        }
        if (alg.toUpperCase(Locale.ROOT).startsWith("HS")) {
            throw new FormatException("HMAC alg refused: codes are signed with ES256 only");
        }
        if (!alg.equals(QrFormat.ALGORITHM)) {
            throw new FormatException("alg other than ES256 refused");
        }
    }

    /**
     * The last base64url character of a 64-byte value carries 4 unused bits; a decoder ignores them, so without
     * this check the same signature could be written 16 ways and an altered character go unnoticed.
     */
    private static boolean isCanonicalSignature(String signature) {
        if (signature.isEmpty()) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = BASE64URL.decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return bytes.length == SIGNATURE_BYTES && BASE64URL_OUT.encodeToString(bytes).equals(signature);
    }

    private boolean signatureHolds(String compact, ECPublicKey key) throws FormatException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmConstraints(onlyEs256);
        try {
            jws.setCompactSerialization(compact);
        } catch (JoseException e) {
            throw new FormatException("not a compact JWS");
        }
        jws.setKey(key);
        try {
            return jws.verifySignature();
        } catch (JoseException e) {
            // e.g. R or S out of range for the curve: as forged as a wrong signature.
            return false;
        }
    }

    private static byte[] decode(String segment, String what) throws FormatException {
        try {
            return BASE64URL.decode(segment.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new FormatException(what + " is not base64url");
        }
    }
}

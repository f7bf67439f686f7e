package org.esscard.permit.service.credential;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.esscard.permit.service.credential.QrFormat.FormatException;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Status List Token (draft-ietf-oauth-status-list §5.1): the list as a JWT signed ES256 by the QR key ring, header
 * {@code typ: statuslist+jwt}, claims {@code sub} (the list's uri, as QR codes name it), {@code iat}, {@code exp}
 * (after which verifiers warn), {@code ttl} (how soon they should fetch it again) and
 * {@code status_list: {bits: 1, lst}}. The same keys as the QR codes, so an officer's app needs one JWK Set.
 *
 * @param uri       the {@code sub}: what a QR's {@code status.status_list.uri} must equal
 * @param issuedAt  {@code iat}
 * @param expiresAt {@code exp}
 * @param ttl       {@code ttl}, whole seconds
 * @param list      the bits
 */
public record StatusListToken(String uri, Instant issuedAt, Instant expiresAt, Duration ttl, StatusList list) {

    /** The JWT {@code typ} and, with {@code application/}, the media type of the HTTP answer. */
    public static final String TYPE = "statuslist+jwt";
    public static final String MEDIA_TYPE = "application/" + TYPE;

    private static final AlgorithmConstraints ONLY_ES256 =
            new AlgorithmConstraints(ConstraintType.PERMIT, QrFormat.ALGORITHM);

    public StatusListToken {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(list, "list");
    }

    /** The compact JWS, signed with the ring's active key. */
    public String sign(QrKeyRing keys) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator json = QrFormat.json().getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("sub", uri);
            json.writeNumberField("iat", issuedAt.getEpochSecond());
            json.writeNumberField("exp", expiresAt.getEpochSecond());
            json.writeNumberField("ttl", ttl.getSeconds());
            json.writeObjectFieldStart("status_list");
            json.writeNumberField("bits", 1);
            json.writeStringField("lst", list.encoded());
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(QrFormat.ALGORITHM);
        jws.setKeyIdHeaderValue(keys.activeKid());
        jws.setHeader("typ", TYPE);
        jws.setPayload(out.toString());
        jws.setKey(keys.signingKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("signing the status list " + uri + " failed", e);
        }
    }

    /**
     * The list a token carries, if it is one of ours for {@code uri}: ES256 with a key of the ring, {@code typ}
     * statuslist+jwt, {@code sub} equal to {@code uri}, one bit per entry. Empty for anything else (forged, another
     * list, unreadable), never an exception. Whether it is past its {@code exp} is the caller's to judge.
     */
    public static Optional<StatusListToken> read(QrKeyRing keys, String token, String uri) {
        if (token == null || token.length() > StatusList.MAX_BYTES * 2) {
            return Optional.empty();
        }
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(ONLY_ES256);
            jws.setCompactSerialization(token);
            if (!TYPE.equals(jws.getHeader("typ")) || jws.getHeaders().getObjectHeaderValue("crit") != null) {
                return Optional.empty();
            }
            String kid = jws.getKeyIdHeaderValue();
            Optional<ECPublicKey> key = kid == null ? Optional.empty() : keys.publicKey(kid);
            if (key.isEmpty()) {
                return Optional.empty();
            }
            jws.setKey(key.get());
            if (!jws.verifySignature()) {
                return Optional.empty();
            }
            JsonNode claims = QrFormat.readObject(jws.getUnverifiedPayloadBytes(), "status list");
            JsonNode list = claims.path("status_list");
            if (!claims.path("sub").isTextual() || !claims.path("sub").textValue().equals(uri)
                    || list.path("bits").asInt(0) != 1 || !list.path("lst").isTextual()
                    || !claims.path("iat").canConvertToLong() || !claims.path("exp").canConvertToLong()) {
                return Optional.empty();
            }
            return Optional.of(new StatusListToken(uri, Instant.ofEpochSecond(claims.path("iat").longValue()),
                    Instant.ofEpochSecond(claims.path("exp").longValue()),
                    Duration.ofSeconds(claims.path("ttl").asLong(0)), StatusList.decode(list.path("lst").textValue())));
        } catch (JoseException | FormatException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

package org.esscard.permit.service.credential;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

import org.esscard.events.permit.TalentCategory;
import org.jose4j.jws.AlgorithmIdentifiers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The ESSC1 wire format in one place, so the signer and the verifier cannot drift apart. See docs/QR-CREDENTIAL.md. */
final class QrFormat {

    /** Lets a scanner recognise our codes and tells it which format version follows. */
    static final String PREFIX = "ESSC1:";

    static final String ALGORITHM = AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256;

    /** The largest QR symbol (version 40, level L) holds 2,953 bytes; anything longer cannot have come from a scan. */
    static final int MAX_TEXT_LENGTH = 4096;

    /** Key ids travel in every code and in log lines, so they stay short and plain. */
    static final Pattern KID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    static final String PERMIT_NUMBER = "pn";
    static final String HOLDER_NAME = "hn";
    static final String NATIONALITY = "nat";
    static final String TALENT_CATEGORY = "cat";
    static final String VALID_UNTIL = "vu";
    static final String ISSUED_AT = "iat";
    static final String EXPIRES_AT = "exp";
    static final String ID = "jti";
    /** Optional: {@code {"status_list": {"idx": n, "uri": "..."}}} (draft-ietf-oauth-status-list §6.1). */
    static final String STATUS = "status";
    static final String STATUS_LIST = "status_list";
    static final String STATUS_INDEX = "idx";
    static final String STATUS_URI = "uri";

    private static final Set<String> CLAIMS = Set.of(PERMIT_NUMBER, HOLDER_NAME, NATIONALITY, TALENT_CATEGORY,
            VALID_UNTIL, ISSUED_AT, EXPIRES_AT, ID);

    /**
     * Our own mapper rather than the application's: the format must not change when someone tunes Jackson for the
     * REST layer. Duplicate keys are refused so a payload cannot mean one thing here and another in an officer's app.
     */
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private QrFormat() {
    }

    /** The format's own mapper, for the status list token's claims. */
    static ObjectMapper json() {
        return JSON;
    }

    /** The payload as compact JSON, claims in a fixed order, non-ASCII written as UTF-8 (shorter than escapes). */
    static String payloadJson(QrClaims claims) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField(PERMIT_NUMBER, claims.permitNumber());
            json.writeStringField(HOLDER_NAME, claims.holderName());
            json.writeStringField(NATIONALITY, claims.nationality());
            json.writeStringField(TALENT_CATEGORY, claims.talentCategory().name());
            json.writeStringField(VALID_UNTIL, claims.validUntil().toString());
            json.writeNumberField(ISSUED_AT, claims.issuedAt().getEpochSecond());
            json.writeNumberField(EXPIRES_AT, claims.expiresAt().getEpochSecond());
            json.writeStringField(ID, claims.id());
            if (claims.status() != null) {
                json.writeObjectFieldStart(STATUS);
                json.writeObjectFieldStart(STATUS_LIST);
                json.writeNumberField(STATUS_INDEX, claims.status().idx());
                json.writeStringField(STATUS_URI, claims.status().uri());
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Parses a JSON object, or says why it is not one. */
    static JsonNode readObject(byte[] utf8, String what) throws FormatException {
        JsonNode node;
        try {
            node = JSON.readTree(utf8);
        } catch (IOException e) {
            throw new FormatException(what + " is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new FormatException(what + " is not a JSON object");
        }
        return node;
    }

    /** The claims of a verified payload; every claim is required and typed, unknown ones are ignored. */
    static QrClaims readClaims(byte[] utf8) throws FormatException {
        JsonNode payload = readObject(utf8, "payload");
        for (String claim : CLAIMS) {
            if (!payload.has(claim)) {
                throw new FormatException("payload lacks claim '" + claim + "'");
            }
        }
        TalentCategory category = switch (text(payload, TALENT_CATEGORY)) {
            case "A" -> TalentCategory.A;
            case "B" -> TalentCategory.B;
            case "C" -> TalentCategory.C;
            default -> throw new FormatException("claim 'cat' is not A, B or C");
        };
        LocalDate validUntil;
        try {
            validUntil = LocalDate.parse(text(payload, VALID_UNTIL));
        } catch (DateTimeParseException e) {
            throw new FormatException("claim 'vu' is not a yyyy-MM-dd date");
        }
        try {
            return new QrClaims(text(payload, PERMIT_NUMBER), text(payload, HOLDER_NAME), text(payload, NATIONALITY),
                    category, validUntil, epochSeconds(payload, ISSUED_AT), epochSeconds(payload, EXPIRES_AT),
                    text(payload, ID), status(payload));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new FormatException("claims are inconsistent: " + e.getMessage());
        }
    }

    /** The status reference, or null when the code has none; present but not of the draft's shape is MALFORMED. */
    private static StatusReference status(JsonNode payload) throws FormatException {
        JsonNode status = payload.get(STATUS);
        if (status == null) {
            return null;
        }
        JsonNode list = status.isObject() ? status.get(STATUS_LIST) : null;
        if (list == null || !list.isObject()) {
            throw new FormatException("claim 'status' has no 'status_list' object");
        }
        JsonNode idx = list.get(STATUS_INDEX);
        JsonNode uri = list.get(STATUS_URI);
        if (idx == null || !idx.isIntegralNumber() || !idx.canConvertToLong() || idx.longValue() < 0) {
            throw new FormatException("claim 'status.status_list.idx' is not a non-negative integer");
        }
        if (uri == null || !uri.isTextual() || uri.textValue().isBlank()) {
            throw new FormatException("claim 'status.status_list.uri' is not a string");
        }
        return new StatusReference(idx.longValue(), uri.textValue());
    }

    private static String text(JsonNode payload, String claim) throws FormatException {
        JsonNode value = payload.get(claim);
        if (!value.isTextual()) {
            throw new FormatException("claim '" + claim + "' is not a string");
        }
        return value.textValue();
    }

    private static Instant epochSeconds(JsonNode payload, String claim) throws FormatException {
        JsonNode value = payload.get(claim);
        // canConvertToLong keeps huge numbers out of Instant, whose range they would overflow.
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new FormatException("claim '" + claim + "' is not whole epoch seconds");
        }
        long seconds = value.longValue();
        if (seconds < 0 || seconds > Instant.MAX.getEpochSecond()) {
            throw new FormatException("claim '" + claim + "' is out of range");
        }
        return Instant.ofEpochSecond(seconds);
    }

    /** Why a text is not an ESSC1 code; only ever becomes a MALFORMED verdict. */
    static final class FormatException extends Exception {

        FormatException(String reason) {
            super(reason, null, false, false);
        }
    }
}

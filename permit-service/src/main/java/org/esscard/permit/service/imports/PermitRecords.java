package org.esscard.permit.service.imports;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import org.esscard.events.EventJson;
import org.esscard.events.permit.PermitDates;
import org.esscard.permit.config.PermitConfig;
import org.esscard.permit.service.credential.PermitValidity;
import org.esscard.permit.service.issue.IssuePermitRequest;
import org.esscard.platform.text.StorableTextJson;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * One record of an upload as a permit to issue, checked as {@code POST /api/permits} checks one: the same request
 * type, its constraints, the configured number pattern and the validity period. A record that is not one throws
 * {@link IllegalArgumentException} with the reason the permit authority reads.
 */
@ApplicationScoped
class PermitRecords {

    static final int MAX_REASON = 500;

    /** Strict, and like the REST layer refusing text PostgreSQL cannot store, so such a record is rejected by name. */
    private final ObjectMapper json = EventJson.mapper().copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(StorableTextJson.module());
    /** One CSV record (RFC 4180) as its fields. */
    private final ObjectReader csv = new CsvMapper().readerForListOf(String.class).with(CsvParser.Feature.WRAP_AS_ARRAY);
    private final Validator validator;
    private final Clock clock;
    private final Pattern numberPattern;
    private final String numberPatternText;

    PermitRecords(Validator validator, Clock clock, PermitConfig config) {
        this.validator = validator;
        this.clock = clock;
        this.numberPattern = Pattern.compile(config.numberPattern());
        this.numberPatternText = config.numberPattern();
    }

    /** The fields of a CSV record. */
    List<String> fields(String record) {
        // a record holds one row: it ends at the first line break outside quotes
        try (MappingIterator<List<String>> rows = csv.readValues(record)) {
            List<String> fields = rows.hasNextValue() ? rows.nextValue() : List.of();
            // Jackson reads an empty record as no fields at all; it is one empty field
            return fields.isEmpty() ? List.of("") : fields;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(truncate("not CSV: " + rootMessage(e)));
        }
    }

    /** An NDJSON line as a valid permit. */
    IssuePermitRequest fromJson(String line) {
        try {
            return validate(json.readValue(line, IssuePermitRequest.class));
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException(truncate(field(e.getPath()) + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new IllegalArgumentException(truncate("not JSON: " + rootMessage(e)));
        }
    }

    /** A CSV record as a valid permit, its fields named by the header; an empty field is no value. */
    IssuePermitRequest fromCsv(String record, List<String> header) {
        List<String> values = fields(record);
        if (values.size() != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " fields, found " + values.size());
        }
        Map<String, String> named = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            named.put(header.get(i), values.get(i).isEmpty() ? null : values.get(i));
        }
        IssuePermitRequest request;
        try {
            request = json.convertValue(named, IssuePermitRequest.class);
        } catch (IllegalArgumentException e) {
            // convertValue wraps the mapping error
            if (e.getCause() instanceof JsonMappingException mapping) {
                throw new IllegalArgumentException(truncate(field(mapping.getPath()) + ": " + mapping.getOriginalMessage()));
            }
            throw new IllegalArgumentException(truncate("unreadable: " + rootMessage(e)));
        }
        return validate(request);
    }

    private IssuePermitRequest validate(IssuePermitRequest request) {
        Set<ConstraintViolation<IssuePermitRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().collect(Collectors.joining("; ")));
        }
        if (!numberPattern.matcher(request.permitNumber()).matches()) {
            throw new IllegalArgumentException("permitNumber " + request.permitNumber() + " does not match " + numberPatternText);
        }
        LocalDate issue = request.issueDate() != null ? request.issueDate() : PermitDates.today(clock);
        if (!PermitValidity.isPeriod(issue, request.validUntil())) {
            throw new IllegalArgumentException("validUntil " + request.validUntil() + " is before issueDate " + issue);
        }
        return request;
    }

    static String truncate(String text) {
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
    }

    private static String field(List<JsonMappingException.Reference> path) {
        return path.stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}

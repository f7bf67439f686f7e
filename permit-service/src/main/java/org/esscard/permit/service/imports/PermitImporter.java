package org.esscard.permit.service.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.events.Topics;
import org.esscard.events.permit.PermitIssued;
import org.esscard.events.permit.PermitSnapshot;
import org.esscard.events.permit.PermitStatus;
import org.esscard.permit.config.PermitConfig;
import org.esscard.permit.service.credential.PermitValidity;
import org.esscard.permit.service.PermitMapper;
import org.esscard.permit.repository.WorkPermit;
import org.esscard.permit.service.issue.IssuePermitRequest;
import org.esscard.platform.outbox.Outbox;
import org.esscard.platform.text.StorableText;
import org.esscard.platform.text.StorableTextJson;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * Imports the permit authority's backlog: one permit per NDJSON line or CSV row. Lines are checked like
 * a single issue; bad ones are rejected one by one with their line number and reason. Good ones are
 * inserted in batches, each batch one transaction with the permits, their {@code PermitIssued} events,
 * the rejected lines and the progress: a record is applied whole or not at all.
 */
@ApplicationScoped
public class PermitImporter {

    public enum Format {
        NDJSON, CSV
    }

    private static final int BATCH = 500;
    private static final int MAX_REASON = 500;

    private final AgroalDataSource dataSource;
    private final Outbox outbox;
    private final Validator validator;
    private final Clock clock;
    private final Pattern numberPattern;
    private final String numberPatternText;
    private final int maxLineLength;
    /** Strict, and like the REST layer refusing text PostgreSQL cannot store, so such a line is rejected by name. */
    private final ObjectMapper mapper = EventJson.mapper().copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(StorableTextJson.module());
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "permit-import");
        thread.setDaemon(true);
        return thread;
    });

    public PermitImporter(AgroalDataSource dataSource, Outbox outbox, Validator validator, Clock clock, PermitConfig config) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.validator = validator;
        this.clock = clock;
        this.numberPattern = Pattern.compile(config.numberPattern());
        this.numberPatternText = config.numberPattern();
        this.maxLineLength = config.importMaxLineLength();
    }

    /** Registers a job for the uploaded file and processes it in the background; the file is deleted after. */
    public UUID start(Path upload, Format format, java.nio.charset.Charset charset, String createdBy) throws IOException, SQLException {
        long lines = countLines(upload) - (format == Format.CSV ? 1 : 0);
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("insert into import_job (id, format, status, total, created_by, created_at)"
                        + " values (?, ?, 'RUNNING', ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, format.name());
            insert.setLong(3, Math.max(0, lines));
            insert.setString(4, createdBy);
            insert.setTimestamp(5, Timestamp.from(clock.instant()));
            insert.executeUpdate();
        }
        worker.submit(() -> run(id, upload, format, charset));
        return id;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        worker.shutdownNow();
    }

    private void run(UUID id, Path upload, Format format, java.nio.charset.Charset charset) {
        long started = System.nanoTime();
        long number = 0;
        // strict decoding: a line that is not text in the upload's charset stops the import, naming the line
        var decoder = charset.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(upload), decoder))) {
            Progress progress = new Progress(id);
            BoundedLines lines = new BoundedLines(reader, maxLineLength);
            List<String> header = null;
            String line;
            while ((line = lines.next()) != null) {
                number++;
                if (number == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                if (format == Format.CSV && header == null) {
                    if (line == BoundedLines.TOO_LONG) {
                        finish(id, "FAILED", "import stopped: the header line is longer than " + maxLineLength + " characters");
                        return;
                    }
                    header = CsvLine.split(line).stream().map(String::trim).toList();
                    continue;
                }
                if (line == BoundedLines.TOO_LONG) {
                    progress.reject(number, "line longer than " + maxLineLength + " characters; not read");
                } else if (line.isBlank()) {
                    progress.reject(number, "empty line");
                } else {
                    try {
                        progress.accept(number, parse(line, header));
                    } catch (IllegalArgumentException e) {
                        progress.reject(number, e.getMessage());
                    }
                }
                if (progress.pending() >= BATCH) {
                    progress.flush();
                }
            }
            progress.flush();
            finish(id, "COMPLETED", null);
            Log.infof("import %s completed: %d lines, %d imported, %d rejected, in %d ms", id, progress.processed,
                    progress.succeeded, progress.failed, (System.nanoTime() - started) / 1_000_000);
        } catch (java.nio.charset.CharacterCodingException e) {
            finish(id, "FAILED", "import stopped at line " + (number + 1) + ": not valid " + charset.name()
                    + " text; lines before it were processed");
        } catch (Exception e) {
            Log.errorf(e, "import %s failed", id);
            finish(id, "FAILED", truncate("import stopped: " + e.getMessage()));
        } finally {
            try {
                Files.deleteIfExists(upload);
            } catch (IOException ignored) {
                // a temporary file left behind is not worth failing the import for
            }
        }
    }

    /** A line as a validated permit; {@link IllegalArgumentException} with the reason otherwise. */
    private IssuePermitRequest parse(String line, List<String> header) {
        IssuePermitRequest request;
        try {
            if (header == null) {
                request = mapper.readValue(line, IssuePermitRequest.class);
            } else {
                List<String> values = CsvLine.split(line);
                if (values.size() != header.size()) {
                    throw new IllegalArgumentException("expected " + header.size() + " fields, found " + values.size());
                }
                Map<String, String> fields = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    fields.put(header.get(i), values.get(i).isEmpty() ? null : values.get(i));
                }
                request = mapper.convertValue(fields, IssuePermitRequest.class);
            }
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new IllegalArgumentException(truncate(field(e.getPath()) + ": " + e.getOriginalMessage()));
        } catch (IllegalArgumentException e) {
            // convertValue (CSV) wraps the mapping error
            if (e.getCause() instanceof com.fasterxml.jackson.databind.JsonMappingException mapping) {
                throw new IllegalArgumentException(truncate(field(mapping.getPath()) + ": " + mapping.getOriginalMessage()));
            }
            throw new IllegalArgumentException(truncate("unreadable: " + rootMessage(e)));
        } catch (IOException e) {
            throw new IllegalArgumentException(truncate("not JSON: " + rootMessage(e)));
        }
        Set<ConstraintViolation<IssuePermitRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().collect(Collectors.joining("; ")));
        }
        if (!numberPattern.matcher(request.permitNumber()).matches()) {
            throw new IllegalArgumentException("permitNumber " + request.permitNumber() + " does not match " + numberPatternText);
        }
        LocalDate issue = request.issueDate() != null ? request.issueDate() : PermitValidity.today(clock);
        if (!PermitValidity.isPeriod(issue, request.validUntil())) {
            throw new IllegalArgumentException("validUntil " + request.validUntil() + " is before issueDate " + issue);
        }
        return request;
    }

    /** Lines accepted or rejected since the last flush, and the job's running totals. */
    private final class Progress {
        final UUID job;
        final Map<Long, IssuePermitRequest> accepted = new LinkedHashMap<>();
        final Map<Long, String> rejected = new LinkedHashMap<>();
        long processed;
        long succeeded;
        long failed;

        Progress(UUID job) {
            this.job = job;
        }

        int pending() {
            return accepted.size() + rejected.size();
        }

        void accept(long line, IssuePermitRequest request) {
            accepted.put(line, request);
        }

        void reject(long line, String reason) {
            // a reason may quote the line, and the line may hold what the database refuses
            rejected.put(line, truncate(StorableText.scrub(reason)));
        }

        /** One transaction: the new permits, their events, the rejected lines, the job's counters. */
        void flush() throws SQLException {
            if (pending() == 0) {
                return;
            }
            long batchProcessed = pending();
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    Set<String> inserted = insertPermits(c, accepted.values());
                    Set<String> claimed = new HashSet<>();
                    List<CloudEvent> events = new ArrayList<>();
                    accepted.forEach((line, request) -> {
                        // a number inserted now belongs to the first line that carried it
                        if (inserted.contains(request.permitNumber()) && claimed.add(request.permitNumber())) {
                            events.add(outbox.event(new PermitIssued(snapshot(request))));
                        } else {
                            rejected.put(line, "permit " + request.permitNumber() + " already exists");
                        }
                    });
                    outbox.addAll(c, Topics.PERMIT_EVENTS, events);
                    insertErrors(c);
                    long batchFailed = rejected.size();
                    try (PreparedStatement update = c.prepareStatement("update import_job set processed = processed + ?,"
                            + " succeeded = succeeded + ?, failed = failed + ? where id = ?")) {
                        update.setLong(1, batchProcessed);
                        update.setLong(2, events.size());
                        update.setLong(3, batchFailed);
                        update.setObject(4, job);
                        update.executeUpdate();
                    }
                    c.commit();
                    processed += batchProcessed;
                    succeeded += events.size();
                    failed += batchFailed;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            }
            accepted.clear();
            rejected.clear();
        }

        private void insertErrors(Connection c) throws SQLException {
            if (rejected.isEmpty()) {
                return;
            }
            try (PreparedStatement insert = c.prepareStatement("insert into import_error (job_id, line_number, reason) values (?, ?, ?)")) {
                for (Map.Entry<Long, String> error : rejected.entrySet()) {
                    insert.setObject(1, job);
                    insert.setLong(2, error.getKey());
                    insert.setString(3, error.getValue());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    private Set<String> insertPermits(Connection c, java.util.Collection<IssuePermitRequest> requests) throws SQLException {
        if (requests.isEmpty()) {
            return Set.of();
        }
        String sql = "insert into work_permit (permit_number, holder_name, passport_number, nationality, employer, position,"
                + " work_city, talent_category, issue_date, valid_until, status, version, created_at, updated_at)"
                + " select t.*, 'ACTIVE', 0, ?, ? from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],"
                + " ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::date[], ?::date[]) as t"
                + " on conflict (permit_number) do nothing returning permit_number";
        LocalDate today = PermitValidity.today(clock);
        Timestamp now = Timestamp.from(clock.instant());
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            insert.setTimestamp(1, now);
            insert.setTimestamp(2, now);
            insert.setArray(3, c.createArrayOf("varchar", requests.stream().map(IssuePermitRequest::permitNumber).toArray()));
            insert.setArray(4, c.createArrayOf("varchar", requests.stream().map(IssuePermitRequest::holderName).toArray()));
            insert.setArray(5, c.createArrayOf("varchar", requests.stream().map(IssuePermitRequest::passportNumber).toArray()));
            insert.setArray(6, c.createArrayOf("varchar", requests.stream().map(IssuePermitRequest::nationality).toArray()));
            insert.setArray(7, c.createArrayOf("varchar", requests.stream().map(IssuePermitRequest::employer).toArray()));
            insert.setArray(8, c.createArrayOf("varchar", requests.stream().map(IssuePermitRequest::position).toArray()));
            insert.setArray(9, c.createArrayOf("varchar", requests.stream().map(IssuePermitRequest::workCity).toArray()));
            insert.setArray(10, c.createArrayOf("varchar", requests.stream().map(r -> r.talentCategory().name()).toArray()));
            insert.setArray(11, c.createArrayOf("date", requests.stream()
                    .map(r -> java.sql.Date.valueOf(r.issueDate() != null ? r.issueDate() : today)).toArray()));
            insert.setArray(12, c.createArrayOf("date", requests.stream().map(r -> java.sql.Date.valueOf(r.validUntil())).toArray()));
            Set<String> inserted = new HashSet<>();
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1));
                }
            }
            return inserted;
        }
    }

    /** What the row just inserted holds: the request, dated today unless it says otherwise, ACTIVE, version 0. */
    private PermitSnapshot snapshot(IssuePermitRequest r) {
        WorkPermit inserted = r.toDraft();
        if (inserted.issueDate == null) {
            inserted.issueDate = PermitValidity.today(clock);
        }
        inserted.status = PermitStatus.ACTIVE;
        inserted.version = 0;
        return PermitMapper.snapshot(inserted);
    }

    /** The job with its first {@code errorLimit} rejected lines; {@code null} when there is no such job. */
    public ImportJob find(UUID id, int errorOffset, int errorLimit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            ImportJob job;
            try (PreparedStatement select = c.prepareStatement("select format, status, total, processed, succeeded, failed,"
                    + " message, created_at, finished_at from import_job where id = ?")) {
                select.setObject(1, id);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    job = new ImportJob(id, rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getString(7), odt(rs.getTimestamp(8)), odt(rs.getTimestamp(9)), List.of());
                }
            }
            List<ImportJob.LineError> errors = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("select line_number, reason from import_error where job_id = ?"
                    + " order by line_number offset ? limit ?")) {
                select.setObject(1, id);
                select.setInt(2, errorOffset);
                select.setInt(3, errorLimit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        errors.add(new ImportJob.LineError(rs.getLong(1), rs.getString(2)));
                    }
                }
            }
            return new ImportJob(job.id(), job.format(), job.status(), job.total(), job.processed(), job.succeeded(),
                    job.failed(), job.message(), job.createdAt(), job.finishedAt(), errors);
        }
    }

    private void finish(UUID id, String status, String message) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("update import_job set status = ?, message = ?, finished_at = ? where id = ?")) {
            update.setString(1, status);
            update.setString(2, message);
            update.setTimestamp(3, Timestamp.from(clock.instant()));
            update.setObject(4, id);
            update.executeUpdate();
        } catch (SQLException e) {
            Log.errorf(e, "import %s: could not record its end (%s)", id, status);
        }
    }

    /** Lines by their line feeds, so counting needs no decoding; a last line without one counts too. */
    private static long countLines(Path file) throws IOException {
        long lines = 0;
        int last = '\n';
        try (var in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    lines++;
                }
                last = b;
            }
        }
        return last == '\n' ? lines : lines + 1;
    }

    private static OffsetDateTime odt(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().atOffset(ZoneOffset.UTC);
    }

    private static String field(List<com.fasterxml.jackson.databind.JsonMappingException.Reference> path) {
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

    /**
     * The lines of an upload, each at most {@code max} characters (without its line break): a longer one is read
     * to its end and dropped as it goes, so one endless line never sits in memory, and {@link #TOO_LONG} stands in.
     */
    static final class BoundedLines {

        /** Compared by identity: no line read is this instance. */
        static final String TOO_LONG = new String("");

        private final java.io.Reader in;
        private final int max;
        private final StringBuilder line = new StringBuilder();
        private boolean ended;

        BoundedLines(java.io.Reader in, int max) {
            this.in = in;
            this.max = max;
        }

        /** The next line without its {@code \n} or {@code \r\n}; {@link #TOO_LONG}; {@code null} after the last. */
        String next() throws IOException {
            if (ended) {
                return null;
            }
            line.setLength(0);
            boolean tooLong = false;
            boolean any = false;
            int ch;
            while ((ch = in.read()) >= 0) {
                any = true;
                if (ch == '\n') {
                    break;
                }
                if (!tooLong) {
                    line.append((char) ch);
                    // one more than the maximum may be the \r of a \r\n
                    if (line.length() > max + 1) {
                        tooLong = true;
                        line.setLength(0);
                    }
                }
            }
            if (ch < 0) {
                ended = true;
                if (!any) {
                    return null;
                }
            }
            if (tooLong) {
                return TOO_LONG;
            }
            if (!line.isEmpty() && line.charAt(line.length() - 1) == '\r') {
                line.setLength(line.length() - 1);
            }
            return line.length() > max ? TOO_LONG : line.toString();
        }
    }

    private static String truncate(String text) {
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
    }

}

package org.esscard.permit.service.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.esscard.permit.config.PermitConfig;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Imports the permit authority's backlog: one permit per NDJSON line or CSV record. Each record is checked like a
 * single issue ({@link PermitRecords}); bad ones are rejected one by one with their line number and reason, good ones
 * applied in batches ({@link ImportJobs}). The upload is read as a stream on one background thread
 * ({@link UploadRecords}), so its size is bounded by the route's body limit, not by memory.
 */
@ApplicationScoped
public class PermitImporter {

    public enum Format {
        NDJSON, CSV
    }

    private static final int BATCH = 500;

    private final ImportJobs jobs;
    private final PermitRecords records;
    private final int maxLength;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "permit-import");
        thread.setDaemon(true);
        return thread;
    });

    PermitImporter(ImportJobs jobs, PermitRecords records, PermitConfig config) {
        this.jobs = jobs;
        this.records = records;
        this.maxLength = config.importMaxLineLength();
    }

    /** Registers a job for the uploaded file and processes it in the background; the file is deleted after. */
    public UUID start(Path upload, Format format, Charset charset, String createdBy) throws IOException, SQLException {
        boolean csv = format == Format.CSV;
        long total = UploadRecords.count(upload, csv) - (csv ? 1 : 0);
        UUID id = jobs.create(format.name(), total, createdBy);
        worker.submit(() -> run(id, upload, format, charset));
        return id;
    }

    /** The job with its rejected records from {@code errorOffset}, at most {@code errorLimit}; {@code null} when there is none. */
    public ImportJob find(UUID id, int errorOffset, int errorLimit) throws SQLException {
        return jobs.find(id, errorOffset, errorLimit);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        worker.shutdownNow();
    }

    private void run(UUID id, Path upload, Format format, Charset charset) {
        long started = System.nanoTime();
        long line = 0;
        boolean csv = format == Format.CSV;
        String unit = csv ? "record" : "line";
        // strict decoding: text that is not in the upload's charset stops the import, naming the line
        var decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(upload), decoder))) {
            UploadRecords input = new UploadRecords(reader, maxLength, csv);
            ImportJobs.Batch batch = new ImportJobs.Batch();
            long processed = 0;
            long succeeded = 0;
            long failed = 0;
            List<String> header = null;
            UploadRecords.Next next;
            while ((next = input.next()) != null) {
                line = next.line();
                if (csv && header == null) {
                    if (next.tooLong()) {
                        jobs.finish(id, "FAILED", "import stopped: the header line is longer than " + maxLength + " characters");
                        return;
                    }
                    try {
                        header = records.fields(next.text()).stream().map(String::trim).toList();
                    } catch (IllegalArgumentException e) {
                        jobs.finish(id, "FAILED", "import stopped: the header line is not CSV (" + e.getMessage() + ")");
                        return;
                    }
                    continue;
                }
                if (next.tooLong()) {
                    batch.reject(line, unit + " longer than " + maxLength + " characters; not read");
                } else if (next.text().isBlank()) {
                    batch.reject(line, "empty " + unit);
                } else {
                    try {
                        batch.accept(line, csv ? records.fromCsv(next.text(), header) : records.fromJson(next.text()));
                    } catch (IllegalArgumentException e) {
                        batch.reject(line, e.getMessage());
                    }
                }
                if (batch.size() >= BATCH) {
                    ImportJobs.Applied applied = jobs.apply(id, batch);
                    processed += applied.processed();
                    succeeded += applied.succeeded();
                    failed += applied.failed();
                }
            }
            ImportJobs.Applied applied = jobs.apply(id, batch);
            jobs.finish(id, "COMPLETED", null);
            Log.infof("import %s completed: %d records, %d imported, %d rejected, in %d ms", id, processed + applied.processed(),
                    succeeded + applied.succeeded(), failed + applied.failed(), (System.nanoTime() - started) / 1_000_000);
        } catch (CharacterCodingException e) {
            jobs.finish(id, "FAILED", "import stopped at line " + (line + 1) + ": not valid " + charset.name()
                    + " text; lines before it were processed");
        } catch (Exception e) {
            Log.errorf(e, "import %s failed", id);
            jobs.finish(id, "FAILED", "import stopped: " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(upload);
            } catch (IOException ignored) {
                // a temporary file left behind is not worth failing the import for
            }
        }
    }
}

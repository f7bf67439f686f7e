package org.esscard.permit.service.imports;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An import's progress as the permit authority polls it. */
public record ImportJob(UUID id, String format, String status, long total, long processed, long succeeded, long failed,
        String message, OffsetDateTime createdAt, OffsetDateTime finishedAt, List<LineError> errors) {

    /** A rejected line: its number in the upload (1 = first line) and why. */
    public record LineError(long line, String reason) {
    }
}

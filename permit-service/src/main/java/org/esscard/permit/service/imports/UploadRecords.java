package org.esscard.permit.service.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The records of an upload, each at most {@code max} characters without its line break: an NDJSON line, or a CSV
 * record, which ends at a line break outside double quotes and so may span lines. A longer record is read to its end
 * and dropped as it goes, so one endless record never sits in memory. The text of a record is parsed elsewhere (CSV
 * by jackson-dataformat-csv); this class only finds where records end.
 * <p>
 * Why records are not cut by Jackson's streaming CSV parser itself (tried with 2.21): its token locations gave no
 * usable line numbers (-1 for the first row), a value is read whole before {@code StreamReadConstraints} refuses its
 * length, and after one malformed record the iterator does not resume at the next.
 */
final class UploadRecords {

    /** A record: the number of the line it starts on (1 = the first), its text, or {@code tooLong} without one. */
    record Next(long line, String text, boolean tooLong) {
    }

    private final Reader in;
    private final int max;
    private final boolean quotes;
    private final StringBuilder text = new StringBuilder();
    private long line = 1;
    private boolean ended;

    /** {@code quotes}: a line break inside double quotes belongs to the record (CSV, RFC 4180). */
    UploadRecords(Reader in, int max, boolean quotes) {
        this.in = in;
        this.max = max;
        this.quotes = quotes;
    }

    /** The next record without its {@code \n} or {@code \r\n}; {@code null} after the last. */
    Next next() throws IOException {
        if (ended) {
            return null;
        }
        long first = line;
        text.setLength(0);
        boolean tooLong = false;
        boolean quoted = false;
        boolean any = false;
        int ch;
        while ((ch = in.read()) >= 0) {
            if (!any && first == 1 && ch == '\uFEFF') {
                continue; // a byte order mark is not part of the first record
            }
            any = true;
            if (ch == '\n') {
                line++;
                if (!quoted) {
                    break;
                }
            }
            if (quotes && ch == '"') {
                quoted = !quoted; // a doubled quote inside quotes turns it off and on again
            }
            if (!tooLong) {
                text.append((char) ch);
                // one more than the maximum may be the \r of a \r\n
                if (text.length() > max + 1) {
                    tooLong = true;
                    text.setLength(0);
                }
            }
        }
        if (ch < 0) {
            ended = true;
            if (!any) {
                return null;
            }
        }
        if (!tooLong && !text.isEmpty() && text.charAt(text.length() - 1) == '\r') {
            text.setLength(text.length() - 1);
        }
        if (tooLong || text.length() > max) {
            return new Next(first, null, true);
        }
        return new Next(first, text.toString(), false);
    }

    /**
     * How many records the upload holds, counted on its bytes so nothing is decoded: line feeds, outside double quotes
     * when {@code quotes}; a last record without a line feed counts too. Both bytes are ASCII, and no byte of a
     * multi-byte character in UTF-8 or GB18030 is either.
     */
    static long count(Path file, boolean quotes) throws IOException {
        long records = 0;
        int last = '\n';
        boolean quoted = false;
        try (var bytes = new BufferedInputStream(Files.newInputStream(file))) {
            int b;
            while ((b = bytes.read()) >= 0) {
                if (b == '"' && quotes) {
                    quoted = !quoted;
                } else if (b == '\n' && !quoted) {
                    records++;
                }
                last = b;
            }
        }
        return last == '\n' ? records : records + 1;
    }
}

package org.esscard.platform.masking;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Last line of defence: rewrites a log record whose text holds a card or mobile number, whoever logged it
 * (our code, a library, an exception message). Enabled per handler with {@code quarkus.log.*.filter=esscard-mask}.
 */
@LoggingFilter(name = "esscard-mask")
public final class MaskingLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            String formatted = ext.getFormattedMessage();
            String masked = Mask.scrub(formatted);
            if (formatted != null && !formatted.equals(masked)) {
                ext.setMessage(masked, ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
        }
        if (record.getThrown() != null) {
            record.setThrown(MaskedThrowable.of(record.getThrown()));
        }
        return true;
    }
}

package org.esscard.platform.masking;

/**
 * Stands in for a logged exception whose message holds a card or mobile number: same class name, stack
 * and causes when printed, with the numbers masked.
 */
final class MaskedThrowable extends Throwable {

    private final String description;

    private MaskedThrowable(Throwable original, Throwable maskedCause) {
        super(Mask.scrub(original.getMessage()), maskedCause, false, true);
        this.description = Mask.scrub(original.toString());
        setStackTrace(original.getStackTrace());
    }

    /** {@code thrown} itself when nothing in its chain needs masking, else a masked copy of the chain. */
    static Throwable of(Throwable thrown) {
        return needsMasking(thrown) ? copy(thrown, 0) : thrown;
    }

    private static boolean needsMasking(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = t.toString();
            if (!text.equals(Mask.scrub(text))) {
                return true;
            }
        }
        return false;
    }

    private static Throwable copy(Throwable original, int depth) {
        Throwable cause = original.getCause();
        Throwable maskedCause = cause == null || cause == original || depth > 20 ? null : copy(cause, depth + 1);
        return new MaskedThrowable(original, maskedCause);
    }

    @Override
    public String toString() {
        return description;
    }
}

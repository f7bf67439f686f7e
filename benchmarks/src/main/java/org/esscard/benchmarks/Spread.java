package org.esscard.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A figure measured several times in one run: its min, median and max. These machines are noisy, so every figure of
 * the report is repeated ({@link Plan#repeats()}) and shown as min / median / max, never as one number.
 */
public record Spread(double min, double median, double max, int count) {

    public static Spread of(List<? extends Number> values) {
        if (values.isEmpty()) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        List<Double> sorted = new ArrayList<>();
        values.forEach(v -> sorted.add(v.doubleValue()));
        sorted.sort(Double::compare);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Spread(sorted.get(0), median, sorted.get(n - 1), n);
    }

    /** The spread of one figure read off each repetition's result. */
    public static <T> Spread of(List<T> runs, ToDoubleFunction<T> figure) {
        return of(runs.stream().map(figure::applyAsDouble).toList());
    }

    /** "12 / 15 / 19" with {@code format} for each value (e.g. "%.0f"), or "—" when nothing was measured. */
    public String format(String format) {
        if (count == 0) {
            return "—";
        }
        if (count == 1) {
            return String.format(Locale.ROOT, format, median);
        }
        return String.format(Locale.ROOT, format + " / " + format + " / " + format, min, median, max);
    }

    @Override
    public String toString() {
        return format("%.2f");
    }
}

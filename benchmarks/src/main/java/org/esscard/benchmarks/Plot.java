package org.esscard.benchmarks;

import java.util.Locale;

/** A small SVG chart of the inquiry ladder (latency percentiles and served rate per offered rate), no plotting library. */
final class Plot {

    private static final int W = 720;
    private static final int H = 360;
    private static final int L = 60;
    private static final int R = 60;
    private static final int T = 30;
    private static final int B = 50;

    private Plot() {
    }

    static String ladder(Results r) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append("<text x=\"").append(W / 2).append("\" y=\"18\" text-anchor=\"middle\" font-size=\"13\">GET /api/permits/mine: latency and served rate per offered rate</text>\n");
        int n = r.inquiry.size();
        if (n == 0) {
            return svg.append("</svg>\n").toString();
        }
        double maxRate = r.inquiryRates.stream().mapToInt(Integer::intValue).max().orElse(1) * 1.05;
        // up to 200 ms at most: an overloaded step's seconds would flatten the steps that matter; it is drawn at the top
        double maxMs = Math.min(200, Math.max(60, r.inquiry.stream().mapToLong(GatlingRun.Result::p99).max().orElse(1) * 1.1));
        int pw = W - L - R;
        int ph = H - T - B;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n", L, T, pw, ph));
        for (long ms : new long[] { 20, 50 }) {
            double y = T + ph - ms / maxMs * ph;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"4 3\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" fill=\"%s\">%d ms</text>%n", L, L + pw, y, y, ms == 20 ? "#2a2" : "#c22", L + 4, y - 3,
                    ms == 20 ? "#2a2" : "#c22", ms));
        }
        for (int i = 0; i <= 4; i++) {
            double ms = maxMs * i / 4;
            double y = T + ph - ph * i / 4.0;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>%n", L - 4, y + 4, ms));
            double rate = maxRate * i / 4;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\">%.0f</text>%n", L + pw + 4, y + 4, rate));
            double x = L + pw * i / 4.0;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.0f</text>%n", x, T + ph + 16, maxRate * i / 4));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">offered req/s</text>%n", L + pw / 2, H - 10));
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">latency (ms)</text>%n", T + ph / 2, T + ph / 2));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" transform=\"rotate(90 %d %d)\" text-anchor=\"middle\">served req/s</text>%n",
                W - 12, T + ph / 2, W - 12, T + ph / 2));
        String[][] series = { { "p50", "#36c" }, { "p95", "#f90" }, { "p99", "#c22" }, { "served", "#555" } };
        for (int s = 0; s < series.length; s++) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < n; i++) {
                GatlingRun.Result step = r.inquiry.get(i);
                double x = L + r.inquiryRates.get(i) / maxRate * pw;
                double y = switch (s) {
                    case 0 -> T + ph - Math.min(step.p50(), maxMs) / maxMs * ph;
                    case 1 -> T + ph - Math.min(step.p95(), maxMs) / maxMs * ph;
                    case 2 -> T + ph - Math.min(step.p99(), maxMs) / maxMs * ph;
                    default -> T + ph - (step.ok() / (double) r.plan.inquiryStepSeconds()) / maxRate * ph;
                };
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y, series[s][1]));
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(series[s][1]).append("\" stroke-width=\"2\"")
                    .append(s == 3 ? " stroke-dasharray=\"6 3\"" : "").append(" points=\"").append(points.toString().trim()).append("\"/>\n");
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>%n",
                    L + 10 + s * 90, T + 8, series[s][1], L + 24, T + 17, ""));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", L + 24 + s * 90, T + 17,
                    s == 3 ? "served (right axis)" : series[s][0]));
        }
        return svg.append("</svg>\n").toString();
    }
}

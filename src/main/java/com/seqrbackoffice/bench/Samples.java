package com.seqrbackoffice.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Durations in milliseconds, added from any thread, summarised as percentiles (nearest rank). */
final class Samples {

    private double[] values = new double[1024];
    private int size;

    static Samples of(double[] millis) {
        Samples samples = new Samples();
        for (double value : millis) {
            samples.add(value);
        }
        return samples;
    }

    synchronized void add(double millis) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = millis;
    }

    synchronized int count() {
        return size;
    }

    /** count, p50, p95, p99 and max, rounded to 0.1 ms; only count when there are none. */
    synchronized Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", size);
        if (size == 0) {
            return summary;
        }
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        summary.put("p50", round(percentile(sorted, 50)));
        summary.put("p95", round(percentile(sorted, 95)));
        summary.put("p99", round(percentile(sorted, 99)));
        summary.put("max", round(sorted[sorted.length - 1]));
        return summary;
    }

    /** The percentile (nearest rank); NaN when there are none, which meets no goal. */
    synchronized double percentile(double percent) {
        if (size == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return percentile(sorted, percent);
    }

    private static double percentile(double[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** To hundredths: CPU per poll, a fraction of a millisecond whose changes are hundredths. */
    static double roundToHundredths(double value) {
        return Math.round(value * 100) / 100.0;
    }
}

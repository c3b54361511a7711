package dev.loopscope.benchmarks;

import java.util.Locale;

/**
 * A measured figure: the mean over every measured iteration of every fork, its 99.9% error, and
 * the median where the benchmark sampled single operations.
 */
final class Score {

    final double mean;
    final double error;
    final double median;
    final String unit;
    /** Every measured iteration's score, in the order measured. */
    final double[] values;

    Score(double mean, double error, double median, String unit, double[] values) {
        this.mean = mean;
        this.error = Double.isNaN(error) ? 0 : error;
        this.median = median;
        this.unit = unit;
        this.values = values;
    }

    /** This score over {@code base}, with the error of both carried over (relative errors added in quadrature). */
    Ratio over(Score base) {
        double r = mean / base.mean;
        double rel = Math.hypot(error / mean, base.error / base.mean);
        return new Ratio(r, r * rel);
    }

    /** The mean and each iteration's value: for a few long single shots, where an interval would say little. */
    String showShots(String format) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, format, mean)).append(" (");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, format, values[i]));
        }
        return b.append(')').toString();
    }

    String show(String format) {
        return String.format(Locale.ROOT, format + " ± " + format, mean, error);
    }

    /** A ratio of two scores and its error. */
    static final class Ratio {
        final double value;
        final double error;

        Ratio(double value, double error) {
            this.value = value;
            this.error = error;
        }

        double low() {
            return value - error;
        }

        double high() {
            return value + error;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", value, low(), high());
        }
    }
}

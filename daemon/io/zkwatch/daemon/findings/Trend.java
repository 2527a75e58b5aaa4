package io.zkwatch.daemon.findings;

import io.zkwatch.daemon.findings.MemberFrame.Sample;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A least-squares line through readings over time: the slope says how fast, R² how steadily. A leak grows
 * steadily; garbage collection and request bursts do not, so R² keeps noise from passing for growth.
 *
 * @param slopePerSecond units per second
 * @param fit R², 0 to 1 (0 for a flat series)
 * @param first the oldest reading's value
 * @param last the newest reading's value
 * @param max the largest value
 * @param rises how many readings were higher than the one before
 */
public record Trend(int points, Duration span, double slopePerSecond, double fit, double first, double last,
                    double max, int rises) {

    private static final double DAY_SECONDS = 86_400;

    /** The trend of {@code samples} (oldest first); empty with fewer than two distinct times. */
    public static Optional<Trend> of(List<Sample> samples) {
        int n = samples.size();
        if (n < 2) {
            return Optional.empty();
        }
        long t0 = samples.get(0).at().toEpochMilli();
        double sx = 0;
        double sy = 0;
        double max = Double.NEGATIVE_INFINITY;
        int rises = 0;
        for (int i = 0; i < n; i++) {
            Sample s = samples.get(i);
            sx += (s.at().toEpochMilli() - t0) / 1000.0;
            sy += s.value();
            max = Math.max(max, s.value());
            if (i > 0 && s.value() > samples.get(i - 1).value()) {
                rises++;
            }
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (Sample s : samples) {
            double dx = (s.at().toEpochMilli() - t0) / 1000.0 - mx;
            double dy = s.value() - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (sxx == 0) {
            return Optional.empty();
        }
        double slope = sxy / sxx;
        double fit = syy == 0 ? 0 : (sxy * sxy) / (sxx * syy);
        Duration span = Duration.between(samples.get(0).at(), samples.get(n - 1).at());
        return Optional.of(new Trend(n, span, slope, fit, samples.get(0).value(), samples.get(n - 1).value(), max,
                rises));
    }

    /**
     * The longest recent stretch of {@code samples} whose trend passes {@code test}: the whole series, else its
     * newer half, quarter, and so on while at least {@code minPoints} readings remain. A leak that started late in
     * the window is a flat line followed by a ramp, which no single line through the whole window fits well.
     */
    public static Optional<Trend> recent(List<Sample> samples, int minPoints, java.util.function.Predicate<Trend> test) {
        int start = 0;
        while (samples.size() - start >= Math.max(2, minPoints)) {
            Optional<Trend> t = of(samples.subList(start, samples.size())).filter(test);
            if (t.isPresent()) {
                return t;
            }
            start += (samples.size() - start) / 2;
        }
        return Optional.empty();
    }

    public double perDay() {
        return slopePerSecond * DAY_SECONDS;
    }

    /** Where the line leads from the newest reading in 24 hours. */
    public double projectedIn24h() {
        return last + perDay();
    }
}

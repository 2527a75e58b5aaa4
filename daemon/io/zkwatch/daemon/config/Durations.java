package io.zkwatch.daemon.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them, in the Prometheus style: {@code 500ms}, {@code 15s}, {@code 5m},
 * {@code 1h}, {@code 1d}, or combined largest unit first, {@code 1h30m}.
 *
 * <p>A bare number is rejected rather than guessed: {@code timeout: 10} could mean seconds or
 * milliseconds, and guessing wrong is a thousandfold error that only shows in production.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern BARE_NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");
    private static final Map<String, Duration> UNITS = new LinkedHashMap<>();

    static {
        UNITS.put("d", Duration.ofDays(1));
        UNITS.put("h", Duration.ofHours(1));
        UNITS.put("m", Duration.ofMinutes(1));
        UNITS.put("s", Duration.ofSeconds(1));
        UNITS.put("ms", Duration.ofMillis(1));
    }

    static final String EXAMPLES = "e.g. 500ms, 15s, 5m, 1h or 1h30m";

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException whose message is the reason, phrased to follow the quoted value
     */
    public static Duration parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("is empty; write a duration, " + EXAMPLES);
        }
        if (BARE_NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException("has no unit; write a duration, " + EXAMPLES);
        }
        Matcher m = PART.matcher(text);
        Duration total = Duration.ZERO;
        int position = 0;
        int lastRank = -1;
        while (position < text.length()) {
            if (!m.find(position) || m.start() != position) {
                throw new IllegalArgumentException("is not a duration; use whole numbers with units ms, s, m, h or d, "
                        + EXAMPLES);
            }
            int rank = rank(m.group(2));
            if (rank <= lastRank) {
                throw new IllegalArgumentException("is not a duration; give each unit once, largest first, " + EXAMPLES);
            }
            lastRank = rank;
            try {
                total = total.plus(UNITS.get(m.group(2)).multipliedBy(Long.parseLong(m.group(1))));
            } catch (ArithmeticException | NumberFormatException e) {
                throw new IllegalArgumentException("is too long a duration");
            }
            position = m.end();
        }
        return total;
    }

    /** The shortest form {@link #parse} reads back to the same value, such as {@code 1h30m} or {@code 0s}. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        Duration rest = duration.withNanos(duration.getNano() / 1_000_000 * 1_000_000);
        for (Map.Entry<String, Duration> unit : UNITS.entrySet()) {
            long count = rest.dividedBy(unit.getValue());
            if (count > 0) {
                sb.append(count).append(unit.getKey());
                rest = rest.minus(unit.getValue().multipliedBy(count));
            }
        }
        return sb.length() == 0 ? duration.toNanos() + "ns" : sb.toString();
    }

    private static int rank(String unit) {
        int i = 0;
        for (String u : UNITS.keySet()) {
            if (u.equals(unit)) {
                return i;
            }
            i++;
        }
        throw new IllegalStateException(unit);
    }
}

package io.zkwatch.daemon.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes: plain bytes ({@code 1048576}) or a whole number with a unit. Binary units ({@code KiB},
 * {@code MiB}, {@code GiB}, {@code TiB}) mean powers of 1024 and decimal ones ({@code KB}, {@code MB},
 * {@code GB}, {@code TB}) powers of 1000, exactly as their names say; units are case-sensitive because
 * {@code Mb} (megabit) and {@code MB} are different things.
 */
public final class ByteSizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([A-Za-z]*)");
    private static final Map<String, Long> UNITS = new LinkedHashMap<>();

    static {
        UNITS.put("TiB", 1L << 40);
        UNITS.put("GiB", 1L << 30);
        UNITS.put("MiB", 1L << 20);
        UNITS.put("KiB", 1L << 10);
        UNITS.put("TB", 1_000_000_000_000L);
        UNITS.put("GB", 1_000_000_000L);
        UNITS.put("MB", 1_000_000L);
        UNITS.put("KB", 1_000L);
        UNITS.put("B", 1L);
        UNITS.put("", 1L);
    }

    private ByteSizes() {
    }

    /**
     * Parses a size in bytes.
     *
     * @throws IllegalArgumentException whose message is the reason, phrased to follow the quoted value
     */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("is not a size; write bytes or a whole number with a unit, "
                    + "e.g. 512KiB, 8MiB, 1GiB");
        }
        Long unit = UNITS.get(m.group(2));
        if (unit == null) {
            throw new IllegalArgumentException("has an unknown unit \"" + m.group(2)
                    + "\"; use B, KiB, MiB, GiB, TiB, KB, MB, GB or TB");
        }
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("is too large a size");
        }
    }

    /** The largest binary unit that divides the size exactly, such as {@code 8MiB}; else plain bytes. */
    public static String format(long bytes) {
        for (Map.Entry<String, Long> unit : UNITS.entrySet()) {
            String name = unit.getKey();
            if (name.endsWith("iB") && bytes != 0 && bytes % unit.getValue() == 0) {
                return bytes / unit.getValue() + name;
            }
        }
        return Long.toString(bytes);
    }
}

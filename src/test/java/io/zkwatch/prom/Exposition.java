package io.zkwatch.prom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Prometheus text exposition (format 0.0.4) into samples, so tests can ask questions of a scrape by
 * name and label instead of matching lines. Label values are unescaped ({@code \\}, {@code \"}, {@code \n}).
 */
public final class Exposition {

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public Sample {
            labels = Map.copyOf(labels);
        }

        public String label(String key) {
            String v = labels.get(key);
            if (v == null) {
                throw new IllegalArgumentException(name + " has no label " + key + ": " + labels);
            }
            return v;
        }
    }

    private Exposition() {
    }

    /** Every sample of {@code text}, in order; comment lines and blank lines are skipped. */
    public static List<Sample> parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(sample(line));
            }
        }
        return out;
    }

    /** The samples of one metric name. */
    public static List<Sample> of(List<Sample> samples, String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (brace < 0 || (space >= 0 && space < brace)) {
            return new Sample(line.substring(0, space), Map.of(), value(line, space));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        int i = brace + 1;
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq).strip();
            StringBuilder v = new StringBuilder();
            int j = eq + 2; // past ="
            for (; line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\') {
                    char next = line.charAt(++j);
                    v.append(next == 'n' ? '\n' : next);
                } else {
                    v.append(c);
                }
            }
            labels.put(key, v.toString());
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return new Sample(line.substring(0, brace), labels, value(line, line.indexOf(' ', i)));
    }

    private static double value(String line, int space) {
        String rest = line.substring(space + 1).strip();
        int timestamp = rest.indexOf(' ');
        String number = timestamp < 0 ? rest : rest.substring(0, timestamp);
        return switch (number) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(number);
        };
    }
}

package io.zkwatch.daemon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A parsed Prometheus text exposition (format 0.0.4), for asserting on series by name and labels rather than
 * on line prefixes: label order and escaping do not matter to the assertions.
 */
public record Exposition(String text, List<Sample> samples) {

    /** One series and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public boolean matches(String n, Map<String, String> subset) {
            return name.equals(n) && subset.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        }
    }

    public Exposition {
        samples = List.copyOf(samples);
    }

    public static Exposition parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            out.add(sample(line));
        }
        return new Exposition(text, out);
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (brace < 0 || brace > space) {
            return new Sample(line.substring(0, space), Map.of(), value(line.substring(space + 1)));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        int i = brace + 1;
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq);
            StringBuilder v = new StringBuilder();
            int j = eq + 2;
            for (; line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\') {
                    char n = line.charAt(++j);
                    v.append(n == 'n' ? '\n' : n);
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
        return new Sample(line.substring(0, brace), labels, value(line.substring(i + 2)));
    }

    private static double value(String text) {
        String v = text.strip();
        int space = v.indexOf(' ');
        return Double.parseDouble(space < 0 ? v : v.substring(0, space));
    }

    /** The samples of {@code name} whose labels include {@code labels} (key, value, key, value...). */
    public List<Sample> find(String name, String... labels) {
        Map<String, String> subset = pairs(labels);
        return samples.stream().filter(s -> s.matches(name, subset)).toList();
    }

    /** The value of the one sample of {@code name} with these labels; empty if there is none. */
    public OptionalDouble value(String name, String... labels) {
        List<Sample> found = find(name, labels);
        if (found.size() > 1) {
            throw new AssertionError(found.size() + " samples of " + name + " match " + List.of(labels) + ": "
                    + found);
        }
        return found.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(found.get(0).value());
    }

    public boolean has(String name, String... labels) {
        return !find(name, labels).isEmpty();
    }

    /** The value of label {@code key} on the one sample of {@code name} with the given labels. */
    public Optional<String> label(String name, String key, String... labels) {
        return find(name, labels).stream().map(s -> s.labels().get(key)).findFirst();
    }

    private static Map<String, String> pairs(String... kv) {
        if (kv.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in key, value pairs");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}

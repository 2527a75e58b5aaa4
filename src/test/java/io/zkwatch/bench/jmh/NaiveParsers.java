package io.zkwatch.bench.jmh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The approach zkwatch is measured against: the whole reply as one String (what
 * {@code FourLetterWordMain.send4LetterWord} returns), {@code split("\n")}, and per-line parsing into the same kind
 * of counts zkwatch keeps: watches per session, per path and per prefix, and the 20 most-watched paths.
 */
final class NaiveParsers {

    static final int TOP = 20;

    /** What the naive watch-dump parse produces. */
    record Counts(Map<Long, Long> perSession, Map<String, Long> perPath, Map<String, Long> perPrefix,
                  List<Map.Entry<String, Long>> top, long total) {
    }

    private NaiveParsers() {
    }

    static Counts wchc(String text) {
        Map<Long, Long> perSession = new HashMap<>();
        Map<String, Long> perPath = new HashMap<>();
        Map<String, Long> perPrefix = new HashMap<>();
        long total = 0;
        long session = 0;
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("0x")) {
                session = Long.parseUnsignedLong(line.substring(2), 16);
                perSession.putIfAbsent(session, 0L);
            } else {
                String path = line.trim();
                perSession.merge(session, 1L, Long::sum);
                perPath.merge(path, 1L, Long::sum);
                perPrefix.merge(prefix(path), 1L, Long::sum);
                total++;
            }
        }
        return new Counts(perSession, perPath, perPrefix, top(perPath), total);
    }

    static Counts wchp(String text) {
        Map<Long, Long> perSession = new HashMap<>();
        Map<String, Long> perPath = new HashMap<>();
        Map<String, Long> perPrefix = new HashMap<>();
        long total = 0;
        String path = null;
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("\t")) {
                long session = Long.parseUnsignedLong(line.trim().substring(2), 16);
                perSession.merge(session, 1L, Long::sum);
                perPath.merge(path, 1L, Long::sum);
                perPrefix.merge(prefix(path), 1L, Long::sum);
                total++;
            } else {
                path = line;
                perPath.putIfAbsent(path, 0L);
            }
        }
        return new Counts(perSession, perPath, perPrefix, top(perPath), total);
    }

    /** One map of fields per connection line. */
    static List<Map<String, String>> cons(String text) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> fields = new HashMap<>();
            int bracket = line.indexOf('[');
            fields.put("address", line.substring(0, bracket).trim());
            String inside = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
            for (String pair : inside.split(",")) {
                String[] kv = pair.split("=");
                fields.put(kv[0], kv[1]);
            }
            if (fields.containsKey("sid")) {
                Long.parseUnsignedLong(fields.get("sid").substring(2), 16);
            }
            out.add(fields);
        }
        return out;
    }

    static Map<String, String> mntr(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] kv = line.split("\t");
            if (kv.length == 2) {
                out.put(kv[0], kv[1]);
            }
        }
        return out;
    }

    private static String prefix(String path) {
        int second = path.indexOf('/', 1);
        int third = second < 0 ? -1 : path.indexOf('/', second + 1);
        return third < 0 ? path : path.substring(0, third);
    }

    private static List<Map.Entry<String, Long>> top(Map<String, Long> perPath) {
        return perPath.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP)
                .toList();
    }
}
